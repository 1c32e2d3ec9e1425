import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError } from '@skein/model';
import { assertSkeinError, readWireFixture } from '@skein/testkit';
import { ProtoWriter } from '../otlp/proto-writer.js';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
import { decodeZipkinV2Proto } from './decode-zipkin-v2-proto.js';
import { encodeZipkinV2Proto, writeZipkinV2Proto } from './encode-zipkin-v2-proto.js';
import { readZipkinV2Proto } from './read-zipkin-v2-proto.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';
import type { ZipkinV2Span } from './zipkin-v2-span.js';

const ZIPKIN_JS_V2 = JSON.parse(readWireFixture('zipkinjs-v2.bin').toString('utf8')) as ZipkinV2Span[];

test('the v2 JSON fixtures, sent as proto3, decode to the very same model spans', () => {
  for (const file of ['zipkinjs-v2.bin', 'pyzipkin-V2_JSON.bin', 'otel-zipkin.bin']) {
    const fromJson = decodeZipkinV2Json(readWireFixture(file));
    const proto = encodeZipkinV2Proto(fromJson);
    assert.deepEqual(decodeZipkinV2Proto(proto), fromJson, file);
  }
});

test('bytes on the wire as zipkin.proto says: ids as raw bytes, fixed64 timestamps, tags as map entries', () => {
  const bytes = writeZipkinV2Proto([{ traceId: '0102030405060708', id: '1112131415161718', kind: 'SERVER', name: 'a', timestamp: 1, duration: 2, tags: { k: 'v' }, shared: true }]);
  // ListOfSpans.spans (field 1), then the Span: trace_id (1), id (3), kind (4) = SERVER (2), name (5),
  // timestamp (6, fixed64), duration (7, varint), tags (11, entry key 1 / value 2), shared (13)
  const span = '0a080102030405060708' + '1a081112131415161718' + '2002' + '2a0161' + '310100000000000000' + '3802' + '5a060a016b120176' + '6801';
  assert.equal(Buffer.from(bytes).toString('hex'), `0a${(span.length / 2).toString(16)}${span}`);
  assert.deepEqual(readZipkinV2Proto(bytes), [{ traceId: '0102030405060708', id: '1112131415161718', kind: 'SERVER', name: 'a', timestamp: 1, duration: 2, tags: { k: 'v' }, shared: true }]);
});

test('proto3 defaults are absent; unknown fields and kinds are skipped; addresses become text', () => {
  const w = new ProtoWriter();
  w.uint32(0x0a);
  const span = w.fork();
  w.uint32((1 << 3) | 2);
  w.hex('4e441824ec2b6a44ffdc9bb9a6453df3');
  w.uint32((3 << 3) | 2);
  w.hex('ffdc9bb9a6453df3');
  w.uint32((2 << 3) | 2); // empty parent_id
  w.uint32(0);
  w.uint32(4 << 3); // an unknown kind
  w.uint32(9);
  w.uint32((5 << 3) | 2); // empty name
  w.uint32(0);
  w.uint32((99 << 3) | 2); // a field from the future
  w.string('ignored');
  w.uint32((8 << 3) | 2);
  const local = w.fork();
  w.uint32((1 << 3) | 2);
  w.string('svc');
  w.uint32((2 << 3) | 2);
  w.bytes(Uint8Array.of(10, 0, 0, 1));
  w.uint32((3 << 3) | 2);
  w.bytes(Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
  w.uint32(4 << 3);
  w.uint32(8080);
  w.ldelim(local);
  w.uint32((9 << 3) | 2); // an empty remote endpoint
  w.uint32(0);
  w.uint32((10 << 3) | 2); // an annotation without value: dropped
  const annotation = w.fork();
  w.uint32((1 << 3) | 1);
  w.fixed64(5n);
  w.ldelim(annotation);
  w.uint32(12 << 3); // debug false
  w.uint32(0);
  w.ldelim(span);
  assert.deepEqual(readZipkinV2Proto(w.finish()), [{ traceId: '4e441824ec2b6a44ffdc9bb9a6453df3', id: 'ffdc9bb9a6453df3', localEndpoint: { serviceName: 'svc', ipv4: '10.0.0.1', ipv6: '2001:db8::1', port: 8080 } }]);
});

test('malformed wire data is SKEIN_ERR_MALFORMED_PROTOBUF; a port no endpoint can have is SKEIN_ERR_INVALID_PAYLOAD', () => {
  const good = encodeZipkinV2Proto(decodeZipkinV2Json(readWireFixture('zipkinjs-v2.bin')));
  assertSkeinError(() => decodeZipkinV2Proto(good.subarray(0, good.length - 3)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /truncated/);
  assertSkeinError(() => decodeZipkinV2Proto(Uint8Array.of(0x0a, 0x05, 0x0a, 0x10, 0x01)), 'SKEIN_ERR_MALFORMED_PROTOBUF');
  assertSkeinError(() => decodeZipkinV2Proto(Uint8Array.of(0x07)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /invalid tag/);
  const badPort = writeZipkinV2Proto([{ traceId: 'a1', id: 'b2', localEndpoint: { serviceName: 's', port: 70000 } }]);
  assertSkeinError(() => decodeZipkinV2Proto(badPort), 'SKEIN_ERR_INVALID_PAYLOAD', /spans\[0\]\.local_endpoint\.port/);
  assert.deepEqual(decodeZipkinV2Proto(new Uint8Array(0)), []);
});

test('proto3 round trip: v2 spans → proto3 → v2 spans, all fields', () => {
  const sent: ZipkinV2Span[] = [...ZIPKIN_JS_V2, { traceId: '463ac35c9f6413ad', id: '72485a3953bb6124', kind: 'CONSUMER', timestamp: 1, remoteEndpoint: { serviceName: 'kafka', ipv6: 'fe80::1' }, debug: true, annotations: [{ timestamp: 2, value: 'a' }] }];
  assert.deepEqual(readZipkinV2Proto(writeZipkinV2Proto(sent)), sent);
  assert.deepEqual(decodeZipkinV2Proto(writeZipkinV2Proto(sent)).map(toZipkinV2Span), sent);
});

test('fuzz: random bytes and mutated messages decode or throw a SkeinError, never anything else', () => {
  const good = encodeZipkinV2Proto(decodeZipkinV2Json(readWireFixture('otel-zipkin.bin')));
  const mutated = fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }).map((edits) => {
    const b = Uint8Array.from(good);
    for (const [at, byte] of edits) b[at] = byte;
    return b;
  });
  fc.assert(
    fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 200 }), fc.nat(good.length).map((n) => good.subarray(0, n))), (bytes) => {
      try {
        decodeZipkinV2Proto(bytes);
      } catch (e) {
        assert.ok(e instanceof SkeinError, `${String(e)} for ${Buffer.from(bytes).toString('hex')}`);
      }
    }),
    { numRuns: 500 },
  );
});
