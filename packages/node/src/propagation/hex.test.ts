import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BYTE_HEX,
  isAllZeros,
  isAnyCaseHex,
  isLowerHex,
  isValidSpanId,
  isValidTraceId,
  leftPadHex,
  lowerHexByteAt,
  smallHexValue,
} from './hex.js';

test('isLowerHex and isAnyCaseHex check a non-empty range', () => {
  assert.equal(isLowerHex('0123456789abcdef', 0, 16), true);
  assert.equal(isLowerHex('0123456789ABCDEF', 0, 16), false);
  assert.equal(isAnyCaseHex('0123456789ABCDEF', 0, 16), true);
  assert.equal(isLowerHex('abg', 0, 3), false);
  assert.equal(isLowerHex('abg', 0, 2), true);
  assert.equal(isLowerHex('ab', 1, 1), false, 'empty range');
  assert.equal(isLowerHex('ab', 0, 3), false, 'past the end');
  assert.equal(isAnyCaseHex('\u0661', 0, 1), false, 'non-ASCII digits are not hex');
});

test('lowerHexByteAt and smallHexValue', () => {
  assert.equal(lowerHexByteAt('-ff-', 1), 255);
  assert.equal(lowerHexByteAt('-0a-', 1), 10);
  assert.equal(lowerHexByteAt('-FF-', 1), -1);
  assert.equal(lowerHexByteAt('f', 0), -1);
  assert.equal(smallHexValue('3', 0, 1), 3);
  assert.equal(smallHexValue('0A', 0, 2), 10);
  assert.equal(smallHexValue('100', 0, 3), -1);
  assert.equal(smallHexValue('', 0, 0), -1);
});

test('ids: lowercase, exact length, not all zero', () => {
  assert.equal(isValidTraceId('4bf92f3577b34da6a3ce929d0e0e4736'), true);
  assert.equal(isValidTraceId('4BF92F3577B34DA6A3CE929D0E0E4736'), false);
  assert.equal(isValidTraceId('0'.repeat(32)), false);
  assert.equal(isValidTraceId(undefined), false);
  assert.equal(isValidSpanId('00f067aa0ba902b7'), true);
  assert.equal(isValidSpanId('00f067aa0ba902b'), false);
  assert.equal(isAllZeros('000', 0, 3), true);
});

test('leftPadHex and BYTE_HEX', () => {
  assert.equal(leftPadHex('abc', 16), '0000000000000abc');
  assert.equal(leftPadHex('a'.repeat(16), 16), 'a'.repeat(16));
  assert.equal(BYTE_HEX[0], '00');
  assert.equal(BYTE_HEX[255], 'ff');
  assert.equal(BYTE_HEX.length, 256);
});
