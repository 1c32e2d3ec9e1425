import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePartialSuccess } from './parse-export-response.js';

test('protobuf partial_success', () => {
  const body = Buffer.from([0x0a, 0x0b, 0x08, 0x02, 0x12, 0x07, ...Buffer.from('too old')]);
  assert.deepEqual(parsePartialSuccess(body, 'application/x-protobuf'), { rejectedSpans: 2, errorMessage: 'too old' });
  assert.deepEqual(parsePartialSuccess(Buffer.from([0x0a, 0x02, 0x08, 0x05]), undefined), { rejectedSpans: 5, errorMessage: '' });
});

test('JSON partialSuccess, rejectedSpans as string or number', () => {
  assert.deepEqual(parsePartialSuccess(Buffer.from('{"partialSuccess":{"rejectedSpans":"3"}}'), 'application/json'), { rejectedSpans: 3, errorMessage: '' });
  assert.deepEqual(parsePartialSuccess(Buffer.from('{"partialSuccess":{"rejectedSpans":1,"errorMessage":"x"}}'), 'application/json; charset=utf-8'), { rejectedSpans: 1, errorMessage: 'x' });
});

test('full success, empty or unreadable bodies → undefined', () => {
  assert.equal(parsePartialSuccess(Buffer.alloc(0), 'application/x-protobuf'), undefined);
  assert.equal(parsePartialSuccess(Buffer.from([0x0a, 0x00]), 'application/x-protobuf'), undefined, 'empty partial_success');
  assert.equal(parsePartialSuccess(Buffer.from('{}'), 'application/json'), undefined);
  assert.equal(parsePartialSuccess(Buffer.from('{"partialSuccess":{}}'), 'application/json'), undefined);
  assert.equal(parsePartialSuccess(Buffer.from('not json'), 'application/json'), undefined);
  assert.equal(parsePartialSuccess(Buffer.from([0x0a, 0x10, 0x08]), 'application/x-protobuf'), undefined, 'truncated');
});
