import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANNOTATION_TYPE } from './zipkin-v1-span.js';
import { base64UrlPadded, javaDoubleToString, jsonValueText, thriftValueText } from './zipkin-v1-values.js';

const be = (write: (b: Buffer) => void, n: number): Uint8Array => {
  const b = Buffer.alloc(n);
  write(b);
  return b;
};

test("javaDoubleToString matches Java's Double.toString", () => {
  const cases: Array<[number, string]> = [
    [1, '1.0'],
    [-2.5, '-2.5'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1234567.125, '1234567.125'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [1e21, '1.0E21'],
    [-3.14e-10, '-3.14E-10'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [Number.MIN_VALUE, '4.9E-324'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ];
  for (const [d, java] of cases) assert.equal(javaDoubleToString(d), java, String(d));
});

test('base64url with padding, as Zipkin writes BYTES', () => {
  assert.equal(base64UrlPadded(Uint8Array.of(0xfb, 0xff)), '-_8=');
  assert.equal(base64UrlPadded(Uint8Array.of(1)), 'AQ==');
  assert.equal(base64UrlPadded(Uint8Array.of(1, 2, 3)), 'AQID');
  assert.equal(base64UrlPadded(new Uint8Array(0)), '');
});

test('Thrift values: each AnnotationType to the text Zipkin gave it', () => {
  const T = ANNOTATION_TYPE;
  assert.equal(thriftValueText(T.STRING, Buffer.from('héllo')), 'héllo');
  assert.equal(thriftValueText(T.BOOL, Uint8Array.of(1)), 'true');
  assert.equal(thriftValueText(T.BOOL, Uint8Array.of(0)), 'false');
  assert.equal(thriftValueText(T.BYTES, Uint8Array.of(0xfb, 0xff)), '-_8=');
  assert.equal(thriftValueText(T.I16, be((b) => b.writeInt16BE(-2), 2)), '-2');
  assert.equal(thriftValueText(T.I32, be((b) => b.writeInt32BE(2_000_000_000), 4)), '2000000000');
  assert.equal(thriftValueText(T.I64, be((b) => b.writeBigInt64BE(-9_007_199_254_740_993n), 8)), '-9007199254740993');
  assert.equal(thriftValueText(T.DOUBLE, be((b) => b.writeDoubleBE(2.5), 8)), '2.5');
  assert.equal(thriftValueText(T.DOUBLE, be((b) => b.writeDoubleBE(100), 8)), '100.0');
  // too short for its type, or a type Zipkin never defined: the bytes themselves, not nothing
  assert.equal(thriftValueText(T.I64, Uint8Array.of(1, 2)), 'AQI=');
  assert.equal(thriftValueText(42, Uint8Array.of(1, 2)), 'AQI=');
});

test('JSON values: typed as Zipkin 1.x wrote them, kept as sent when the type does not fit', () => {
  assert.equal(jsonValueText(undefined, 'text'), 'text');
  assert.equal(jsonValueText('STRING', 'text'), 'text');
  assert.equal(jsonValueText(undefined, true), 'true');
  assert.equal(jsonValueText('BOOL', false), 'false');
  assert.equal(jsonValueText('I16', 40000), '-25536', 'narrowed like a Java short');
  assert.equal(jsonValueText('I32', 7.9), '7');
  assert.equal(jsonValueText('I64', 1234567890123), '1234567890123');
  assert.equal(jsonValueText('DOUBLE', 3), '3.0');
  assert.equal(jsonValueText('BYTES', 'AQI='), 'AQI=');
  assert.equal(jsonValueText('BYTES', '+/8='), '-_8=', 'either alphabet in, the URL one out');
  assert.equal(jsonValueText(undefined, 42), '42');
  assert.equal(jsonValueText('I64', '9007199254740993'), '9007199254740993', 'a string is kept exactly');
});
