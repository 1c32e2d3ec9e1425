import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError, anyValueToString, findAttribute, type Span } from '@skein/model';
import { assertSkeinError, readWireFixture } from '@skein/testkit';
import { decodeZipkinV1Json } from './decode-zipkin-v1-json.js';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';

const host = { serviceName: 'svc', ipv4: '10.0.0.1', port: 8080 };
const base = (over: Record<string, unknown> = {}) => ({ traceId: '4e441824ec2b6a44', id: 'ffdc9bb9a6453df3', name: 'op', timestamp: 1_795_000_000_000_000, duration: 10, ...over });
const one = (over: Record<string, unknown> = {}): Span => {
  const spans = decodeZipkinV1Json(JSON.stringify([base(over)]));
  assert.equal(spans.length, 1);
  return spans[0]!;
};
const textOf = (s: Span, key: string): string | undefined => {
  const v = findAttribute(s.attributes, key);
  return v === undefined ? undefined : anyValueToString(v);
};

test('whole-payload problems are coded errors naming what was wrong', () => {
  assertSkeinError(() => decodeZipkinV1Json(''), 'SKEIN_ERR_EMPTY_BODY');
  assertSkeinError(() => decodeZipkinV1Json('[{"traceId": '), 'SKEIN_ERR_MALFORMED_JSON');
  assertSkeinError(() => decodeZipkinV1Json('{"traceId":"a"}'), 'SKEIN_ERR_INVALID_PAYLOAD', /expected a JSON list of spans/);
  assertSkeinError(() => decodeZipkinV1Json('['.repeat(100) + ']'.repeat(100)), 'SKEIN_ERR_TOO_DEEP');
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ annotations: [{ value: 'x' }] }, /\[0\]\.annotations\[0\]\.timestamp: missing/],
    [{ annotations: [{ timestamp: 1 }] }, /\[0\]\.annotations\[0\]\.value: missing, expected a string/],
    [{ annotations: [{ timestamp: 1, value: 'x', endpoint: { port: 'http' } }] }, /\[0\]\.annotations\[0\]\.endpoint\.port: expected a port number/],
    [{ binaryAnnotations: [{ value: 'x' }] }, /\[0\]\.binaryAnnotations\[0\]\.key: missing/],
    [{ binaryAnnotations: [{ key: 'k', value: { nested: 1 } }] }, /\[0\]\.binaryAnnotations\[0\]\.value: expected a string, number or boolean/],
    [{ binaryAnnotations: {} }, /\[0\]\.binaryAnnotations: expected a list/],
    [{ timestamp: 'yesterday' }, /\[0\]\.timestamp: expected a number/],
    [{ debug: 'yes' }, /\[0\]\.debug: expected true or false/],
  ];
  for (const [over, message] of cases) assertSkeinError(() => decodeZipkinV1Json(JSON.stringify([base(over)])), 'SKEIN_ERR_INVALID_PAYLOAD', message);
});

test('v2 JSON on the v1 decoder, and v1 JSON on the v2 decoder, are refused by name', () => {
  assertSkeinError(() => decodeZipkinV1Json(readWireFixture('zipkinjs-v2.bin')), 'SKEIN_ERR_INVALID_PAYLOAD', /\[0\]\.localEndpoint: a Zipkin v2 field: this is Zipkin v2 JSON, which goes to POST \/api\/v2\/spans/);
  assertSkeinError(() => decodeZipkinV1Json(JSON.stringify([base({ tags: { a: 'b' } })])), 'SKEIN_ERR_INVALID_PAYLOAD', /\[0\]\.tags/);
  assertSkeinError(() => decodeZipkinV1Json(JSON.stringify([base({ kind: 'CLIENT' })])), 'SKEIN_ERR_INVALID_PAYLOAD', /\[0\]\.kind/);
  assertSkeinError(() => decodeZipkinV2Json(readWireFixture('pyzipkin-V1_JSON.bin')), 'SKEIN_ERR_INVALID_PAYLOAD', /\[0\]\.binaryAnnotations: a Zipkin v1 field: this is Zipkin v1 JSON, which goes to POST \/api\/v1\/spans/);
  // ...by field, not by text: a tag or annotation that merely names such a field is fine
  const tricky = one({ annotations: [{ timestamp: 1, value: '"localEndpoint"', endpoint: host }], binaryAnnotations: [{ key: 'tags', value: 'Endpoint"', endpoint: host }] });
  assert.equal(textOf(tricky, 'tags'), 'Endpoint"');
  assert.deepEqual(decodeZipkinV2Json(JSON.stringify([{ traceId: 'a1', id: 'b2', tags: { binaryAnnotations: 'x' } }]))[0]!.attributes, [{ key: 'binaryAnnotations', value: { type: 'string', value: 'x' } }]);
});

test('typed binary annotations: every type becomes text, none is dropped', () => {
  const s = one({
    binaryAnnotations: [
      { key: 'str', value: 'text', endpoint: host },
      { key: 'flag', value: true, endpoint: host },
      { key: 'off', value: false, type: 'BOOL', endpoint: host },
      { key: 'blob', value: '+/8=', type: 'BYTES', endpoint: host },
      { key: 'short', value: -2, type: 'I16', endpoint: host },
      { key: 'int', value: 2000000000, type: 'I32', endpoint: host },
      { key: 'long', value: 1234567890123, type: 'I64', endpoint: host },
      { key: 'ratio', value: 0.5, type: 'DOUBLE', endpoint: host },
      { key: 'untyped', value: 7, endpoint: host },
      { key: 'weird', value: 'x', type: 'TIMESTAMP', endpoint: host },
      { key: 'absent', value: null, endpoint: host },
    ],
  });
  const tags = Object.fromEntries(s.attributes.filter((a) => !a.key.startsWith('net.')).map((a) => [a.key, anyValueToString(a.value)]));
  assert.deepEqual(tags, { blob: '-_8=', flag: 'true', int: '2000000000', long: '1234567890123', off: 'false', ratio: '0.5', short: '-2', str: 'text', untyped: '7', weird: 'x' });
});

test('address annotations: true with an endpoint is an address; false or without endpoint is dropped', () => {
  const remote = { serviceName: 'db', ipv4: '10.0.0.2', port: 5432 };
  const s = one({ annotations: [{ timestamp: 1_795_000_000_000_000, value: 'cs', endpoint: host }], binaryAnnotations: [{ key: 'sa', value: true, endpoint: remote }] });
  assert.equal(textOf(s, 'peer.service'), 'db');
  assert.equal(textOf(s, 'net.peer.ip'), '10.0.0.2');
  const dropped = one({ annotations: [{ timestamp: 1_795_000_000_000_000, value: 'cs', endpoint: host }], binaryAnnotations: [{ key: 'sa', value: false, endpoint: remote }, { key: 'ca', value: true }] });
  assert.equal(textOf(dropped, 'peer.service'), undefined);
  assert.equal(textOf(dropped, 'sa'), undefined);
});

test('ids: 128-bit trace ids kept whole, 64-bit ones padded and remembered; bad ids left for the pipeline', () => {
  const wide = one({ traceId: '7180c278b62e8f6a216a2aea45d08fc9' });
  assert.equal(wide.traceId, '7180c278b62e8f6a216a2aea45d08fc9');
  assert.equal(wide.traceIdHigh64Absent, false);
  const narrow = one({});
  assert.equal(narrow.traceId, '00000000000000004e441824ec2b6a44');
  assert.equal(narrow.traceIdHigh64Absent, true);
  assert.equal(one({ id: 'ZZZ' }).spanId, 'zzz');
  assert.equal(one({ id: undefined }).spanId, '');
  assert.equal(one({ parentId: '0000000000000000' }).parentSpanId, '');
});

test('endpoints: empty parts and empty endpoints count as absent; debug and nulls as in Zipkin', () => {
  const s = one({ debug: true, parentId: null, annotations: [{ timestamp: 1_795_000_000_000_000, value: 'sr', endpoint: { serviceName: '', ipv4: '' } }, { timestamp: 1_795_000_000_000_005, value: 'ss', endpoint: {} }] });
  // sr/ss without a usable endpoint are no core annotations: they stay events
  assert.deepEqual(s.events.map((e) => e.name), ['sr', 'ss']);
  assert.deepEqual(findAttribute(s.attributes, 'zipkin.debug'), { type: 'bool', value: true });
  assert.deepEqual(s.resource.attributes, []);
  assert.equal(one({ debug: false }).attributes.length, 0);
});

test('fuzz: any JSON, or any text, decodes or throws a SkeinError, never anything else', () => {
  const json = fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify([v]));
  const spanLike = fc
    .record({ traceId: fc.jsonValue(), id: fc.jsonValue(), annotations: fc.jsonValue(), binaryAnnotations: fc.array(fc.record({ key: fc.jsonValue(), value: fc.jsonValue(), type: fc.jsonValue(), endpoint: fc.jsonValue() }, { requiredKeys: [] })), timestamp: fc.jsonValue() }, { requiredKeys: [] })
    .map((o) => JSON.stringify([o]));
  fc.assert(
    fc.property(fc.oneof(json, spanLike, fc.string()), (body) => {
      try {
        decodeZipkinV1Json(body);
      } catch (e) {
        assert.ok(e instanceof SkeinError, `${String(e)} for ${body}`);
      }
    }),
    { numRuns: 400 },
  );
});
