import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWireFixture } from '@skein/testkit';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
import { detectZipkinEncoding } from './detect-zipkin-encoding.js';
import { encodeZipkinV2Proto } from './encode-zipkin-v2-proto.js';

test('every Zipkin fixture is told by its first bytes', () => {
  assert.equal(detectZipkinEncoding(readWireFixture('pyzipkin-V1_THRIFT.bin')), 'thrift');
  for (const f of ['pyzipkin-V1_JSON.bin', 'zipkinjs-v1.bin', 'zipkinjs-v2.bin', 'pyzipkin-V2_JSON.bin', 'otel-zipkin.bin']) assert.equal(detectZipkinEncoding(readWireFixture(f)), 'json', f);
  assert.equal(detectZipkinEncoding(encodeZipkinV2Proto(decodeZipkinV2Json(readWireFixture('zipkinjs-v2.bin')))), 'proto3');
});

test("Zipkin's rules: [ or { is JSON, 0x0a + non-zero is proto3, other TTypes are Thrift", () => {
  const detect = (...bytes: number[]) => detectZipkinEncoding(Uint8Array.from(bytes));
  assert.equal(detect(0x7b), 'json');
  assert.equal(detect(0x0a, 0x20, 0x0a, 0x10), 'proto3');
  assert.equal(detect(0x0c, 0, 0, 0, 1), 'thrift', 'list<Span>');
  assert.equal(detect(0x0a, 0x00, 0x01), 'thrift', 'a single Span opening with `1: i64 trace_id`');
  assert.equal(detect(0x0b, 0, 3), 'thrift');
  assert.equal(detectZipkinEncoding(Buffer.from('<xml/>')), undefined);
  assert.equal(detectZipkinEncoding(Buffer.from('null')), undefined);
  assert.equal(detectZipkinEncoding(new Uint8Array(0)), undefined);
});

test('JSON may start with whitespace or a BOM, a newline included, when it is bracketed as JSON', () => {
  assert.equal(detectZipkinEncoding(Buffer.from('\n  [{"traceId":"a"}]\n')), 'json');
  assert.equal(detectZipkinEncoding(Buffer.from('\ufeff[]')), 'json');
  assert.equal(detectZipkinEncoding(Buffer.from(' {}')), 'json');
  assert.equal(detectZipkinEncoding(Buffer.from('\n[}')), 'proto3', 'unbalanced: not JSON, so the proto3 rule applies');
  assert.equal(detectZipkinEncoding(Buffer.from('  x')), undefined);
});
