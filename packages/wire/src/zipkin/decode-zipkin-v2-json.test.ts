import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError, SpanKind, StatusCode, findAttribute, type ErrorCode } from '@skein/model';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';
import { assertSkeinError } from '@skein/testkit';

const TRACE = '4e441824ec2b6a44ffdc9bb9a6453df3';
const base = (over: Record<string, unknown> = {}) => ({ traceId: TRACE, id: 'ffdc9bb9a6453df3', name: 'op', timestamp: 1_795_000_000_000_000, duration: 10, localEndpoint: { serviceName: 'svc' }, ...over });
const one = (over: Record<string, unknown> = {}) => {
  const spans = decodeZipkinV2Json(JSON.stringify([base(over)]));
  assert.equal(spans.length, 1);
  return spans[0]!;
};

test('whole-payload problems are coded errors naming what was wrong', () => {
  assertSkeinError(() => decodeZipkinV2Json('[{"traceId": '), 'SKEIN_ERR_MALFORMED_JSON');
  assertSkeinError(() => decodeZipkinV2Json(''), 'SKEIN_ERR_EMPTY_BODY');
  assertSkeinError(() => decodeZipkinV2Json(' \n'), 'SKEIN_ERR_EMPTY_BODY');
  assertSkeinError(() => decodeZipkinV2Json('{"not":"a list"}'), 'SKEIN_ERR_INVALID_PAYLOAD', /expected a JSON list of spans/);
  assertSkeinError(() => decodeZipkinV2Json('[null]'), 'SKEIN_ERR_INVALID_PAYLOAD', /\[0\]: expected an object/);
  const fourth = JSON.stringify([base(), base(), base(), base({ timestamp: 'yesterday' })]);
  assertSkeinError(() => decodeZipkinV2Json(fourth), 'SKEIN_ERR_INVALID_PAYLOAD', /\[3\]\.timestamp: expected a number/);
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ duration: -5 }, /\[0\]\.duration: expected a non-negative number/],
    [{ id: 42 }, /\[0\]\.id: expected a string/],
    [{ name: ['x'] }, /\[0\]\.name: expected a string/],
    [{ tags: { 'http.path': { nested: true } } }, /\[0\]\.tags\["http\.path"\]: expected a string/],
    [{ tags: ['a'] }, /\[0\]\.tags: expected an object/],
    [{ annotations: {} }, /\[0\]\.annotations: expected a list/],
    [{ annotations: [{ timestamp: 1 }] }, /\[0\]\.annotations\[0\]\.value: missing, expected a string/],
    [{ annotations: [{ value: 'x' }] }, /\[0\]\.annotations\[0\]\.timestamp: expected a number/],
    [{ localEndpoint: { port: 70000 } }, /\[0\]\.localEndpoint\.port: expected a port number/],
    [{ remoteEndpoint: 'db' }, /\[0\]\.remoteEndpoint: expected an object/],
    [{ debug: 'yes' }, /\[0\]\.debug: expected true or false/],
    [{ shared: 1 }, /\[0\]\.shared: expected true or false/],
  ];
  for (const [over, message] of cases) assertSkeinError(() => decodeZipkinV2Json(JSON.stringify([base(over)])), 'SKEIN_ERR_INVALID_PAYLOAD', message);
});

test('deep nesting is refused before parsing; brackets inside strings do not count', () => {
  assertSkeinError(() => decodeZipkinV2Json('['.repeat(50_000) + ']'.repeat(50_000)), 'SKEIN_ERR_TOO_DEEP');
  assertSkeinError(() => decodeZipkinV2Json(JSON.stringify([base({ extra: JSON.parse('['.repeat(40) + ']'.repeat(40)) })])), 'SKEIN_ERR_TOO_DEEP');
  // Unknown fields with modest nesting are ignored, as Zipkin does.
  assert.equal(decodeZipkinV2Json(JSON.stringify([base({ extra: JSON.parse('['.repeat(10) + ']'.repeat(10)) })])).length, 1);
  const tricky = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\\"\\\\';
  const s = one({ tags: { t: tricky, u: '\\' } });
  assert.deepEqual(findAttribute(s.attributes, 't'), { type: 'string', value: tricky });
});

test('bad ids are passed through, lowercased, for the pipeline to reject that span alone', () => {
  const spans = decodeZipkinV2Json(JSON.stringify([base({ id: 'ZZZZ' }), base({ traceId: 'A'.repeat(33) }), base({ id: undefined }), base({ parentId: 'XYZ' }), base()]));
  assert.equal(spans[0]!.spanId, 'zzzz');
  assert.equal(spans[1]!.traceId, 'a'.repeat(33));
  assert.equal(spans[2]!.spanId, '');
  assert.equal(spans[3]!.parentSpanId, 'xyz');
  assert.equal(spans[4]!.spanId, 'ffdc9bb9a6453df3');
  // short and upper-case ids are normalized as Zipkin does
  const s = one({ traceId: 'ABC', id: '1F', parentId: '2' });
  assert.equal(s.traceId, '0'.repeat(29) + 'abc');
  assert.equal(s.traceIdHigh64Absent, true);
  assert.equal(s.spanId, '000000000000001f');
  assert.equal(s.parentSpanId, '0000000000000002');
});

test('root detection: absent, empty, all-zero or self parent ids', () => {
  for (const parentId of [undefined, '', '0000000000000000', 'ffdc9bb9a6453df3']) assert.equal(one({ parentId }).parentSpanId, '');
});

test('a missing timestamp falls back to the earliest annotation, else 0', () => {
  const s = one({ timestamp: undefined, duration: 7, annotations: [{ timestamp: 1_795_000_000_000_500, value: 'b' }, { timestamp: 1_795_000_000_000_200, value: 'a' }] });
  assert.equal(s.startTimeUnixNano, 1_795_000_000_000_200_000n);
  assert.equal(s.endTimeUnixNano, 1_795_000_000_000_207_000n);
  const bare = one({ timestamp: undefined, duration: 7 });
  assert.equal(bare.startTimeUnixNano, 0n);
  assert.equal(bare.endTimeUnixNano, 7000n);
  // fractional microseconds keep their nanoseconds; digit strings are tolerated
  assert.equal(one({ timestamp: 1_795_000_000_000_000.25 }).startTimeUnixNano, 1_795_000_000_000_000_250n);
  assert.equal(one({ timestamp: '1795000000000001' }).startTimeUnixNano, 1_795_000_000_000_001_000n);
});

test('kinds: Zipkin names (any case), unknown ignored, span.kind=internal tag → INTERNAL', () => {
  assert.equal(one({ kind: 'server' }).kind, SpanKind.SERVER);
  assert.equal(one({ kind: 'PRODUCER' }).kind, SpanKind.PRODUCER);
  assert.equal(one({ kind: 'CONSUMER' }).kind, SpanKind.CONSUMER);
  assert.equal(one({ kind: 'WEIRD' }).kind, SpanKind.UNSPECIFIED);
  assert.equal(one({}).kind, SpanKind.UNSPECIFIED);
  assert.equal(one({ tags: { 'span.kind': 'internal' } }).kind, SpanKind.INTERNAL);
});

test('status from tags: error (any value), otel.status_code spellings, description', () => {
  const status = (tags: Record<string, string>) => one({ tags }).status;
  assert.deepEqual(status({ error: 'true' }), { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(status({ error: '' }), { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(status({ error: 'boom' }), { code: StatusCode.ERROR, message: 'boom' });
  assert.deepEqual(status({ 'otel.status_code': 'OK' }), { code: StatusCode.OK, message: '' });
  assert.deepEqual(status({ 'otel.status_code': 'STATUS_CODE_ERROR', 'otel.status_description': 'bad' }), { code: StatusCode.ERROR, message: 'bad' });
  assert.deepEqual(status({ 'otel.status_code': 'Error', error: 'true', 'otel.status_description': 'why' }), { code: StatusCode.ERROR, message: 'why' });
  assert.deepEqual(status({ 'otel.status_code': 'OK', error: 'late failure' }), { code: StatusCode.ERROR, message: 'late failure' });
  assert.deepEqual(status({ 'otel.status_code': 'nonsense' }), { code: StatusCode.UNSET, message: '' });
  assert.deepEqual(status({ 'http.path': '/' }), { code: StatusCode.UNSET, message: '' });
});

test('one Resource per local service, shared by reference; none without a service name', () => {
  const spans = decodeZipkinV2Json(JSON.stringify([base(), base({ localEndpoint: { serviceName: 'other' } }), base({ localEndpoint: { serviceName: 'svc', ipv4: '10.0.0.1' } }), base({ localEndpoint: undefined }), base({ localEndpoint: { ipv4: '10.0.0.2' } })]));
  assert.equal(spans[0]!.resource, spans[2]!.resource);
  assert.notEqual(spans[0]!.resource, spans[1]!.resource);
  assert.deepEqual(spans[3]!.resource.attributes, []);
  assert.equal(spans[3]!.resource, spans[4]!.resource);
  assert.deepEqual(findAttribute(spans[4]!.attributes, 'net.host.ip'), { type: 'string', value: '10.0.0.2' });
});

test('endpoints: both address families kept, remote service beats a peer.service tag (collector)', () => {
  const s = one({ localEndpoint: { serviceName: 'svc', ipv4: '10.0.0.1', ipv6: '2001:db8::1', port: 8080 }, remoteEndpoint: { serviceName: 'db', ipv6: '2001:db8::2', port: 5432 }, tags: { 'peer.service': 'tagged' } });
  const text = (k: string) => {
    const v = findAttribute(s.attributes, k);
    return v && 'value' in v ? String(v.value) : undefined;
  };
  assert.equal(text('net.host.ip'), '10.0.0.1');
  assert.equal(text('net.host.ipv6'), '2001:db8::1');
  assert.equal(text('net.host.port'), '8080');
  assert.equal(text('net.peer.ip'), '2001:db8::2');
  assert.equal(text('net.peer.ipv6'), undefined);
  assert.equal(text('net.peer.port'), '5432');
  assert.equal(text('peer.service'), 'db');
  const back = toZipkinV2Span(s);
  assert.deepEqual(back.localEndpoint, { serviceName: 'svc', ipv4: '10.0.0.1', ipv6: '2001:db8::1', port: 8080 });
  assert.deepEqual(back.remoteEndpoint, { serviceName: 'db', ipv6: '2001:db8::2', port: 5432 });
  assert.equal(back.tags, undefined);
});

test('debug and shared survive; structured annotations become events with attributes', () => {
  const s = one({ debug: true, shared: true, kind: 'SERVER', annotations: [{ timestamp: 1_795_000_000_000_001, value: 'exception|{"exception.message":"boom","n":2,"ok":true,"r":0.5}|1' }, { timestamp: 1_795_000_000_000_002, value: 'a|b|c' }] });
  assert.equal(s.shared, true);
  assert.deepEqual(findAttribute(s.attributes, 'zipkin.debug'), { type: 'bool', value: true });
  assert.deepEqual(s.events[0], {
    timeUnixNano: 1_795_000_000_000_001_000n,
    name: 'exception',
    attributes: [
      { key: 'exception.message', value: { type: 'string', value: 'boom' } },
      { key: 'n', value: { type: 'int', value: 2n } },
      { key: 'ok', value: { type: 'bool', value: true } },
      { key: 'r', value: { type: 'double', value: 0.5 } },
    ],
    droppedAttributesCount: 1,
  });
  assert.equal(s.events[1]!.name, 'a|b|c');
  const back = toZipkinV2Span(s);
  assert.equal(back.debug, true);
  assert.equal(back.shared, true);
  assert.deepEqual(back.annotations!.map((a) => a.value), ['exception|{"exception.message":"boom","n":2,"ok":true,"r":0.5}|1', 'a|b|c']);
});

test('trace state and dropped counts written by exporters become fields and come back as tags', () => {
  const tags = { 'w3c.tracestate': 'k=v', 'otel.dropped_attributes_count': '3', 'otel.dropped_events_count': '0', 'otel.dropped_links_count': '2' };
  const s = one({ tags });
  assert.equal(s.traceState, 'k=v');
  assert.equal(s.droppedAttributesCount, 3);
  assert.equal(s.droppedLinksCount, 2);
  assert.equal(s.droppedEventsCount, 0);
  assert.deepEqual(findAttribute(s.attributes, 'otel.dropped_events_count'), { type: 'string', value: '0' }, 'a zero count stays a tag: exporters never write it');
  assert.deepEqual(toZipkinV2Span(s).tags, tags);
});

test('input forms: Uint8Array views, a UTF-8 BOM, numbers/booleans as tag values, nulls as absent', () => {
  const json = JSON.stringify([base({ tags: { n: 5, b: false, z: null }, parentId: null, kind: null })]);
  const bytes = Buffer.from(`xx\uFEFF${json}yy`, 'utf8');
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset + 2, bytes.length - 4);
  const [s] = decodeZipkinV2Json(view);
  assert.deepEqual(s!.attributes, [
    { key: 'n', value: { type: 'string', value: '5' } },
    { key: 'b', value: { type: 'string', value: 'false' } },
  ]);
  assert.equal(s!.parentSpanId, '');
  assert.deepEqual(decodeZipkinV2Json('[]'), []);
});

test('a "__proto__" tag is a tag like any other', () => {
  const s = one({ tags: JSON.parse('{"__proto__":"x","a":"b"}') });
  assert.deepEqual(findAttribute(s.attributes, '__proto__'), { type: 'string', value: 'x' });
  assert.equal(JSON.stringify(toZipkinV2Span(s).tags), '{"__proto__":"x","a":"b"}');
});

test('fuzz: any JSON, or any text, decodes or throws a SkeinError, never anything else', () => {
  const allowed = new Set<ErrorCode>(['SKEIN_ERR_MALFORMED_JSON', 'SKEIN_ERR_INVALID_PAYLOAD', 'SKEIN_ERR_TOO_DEEP', 'SKEIN_ERR_EMPTY_BODY']);
  const check = (body: string) => {
    try {
      const spans = decodeZipkinV2Json(body);
      for (const s of spans) toZipkinV2Span(s); // and whatever decodes also encodes
    } catch (e) {
      assert.ok(e instanceof SkeinError && allowed.has(e.code), `unexpected ${String(e)}`);
    }
  };
  fc.assert(fc.property(fc.json(), check), { numRuns: 500 });
  fc.assert(fc.property(fc.string(), check), { numRuns: 300 });
  const spanish = fc.record({ traceId: fc.anything(), id: fc.anything(), timestamp: fc.anything(), tags: fc.anything(), annotations: fc.anything(), localEndpoint: fc.anything(), kind: fc.anything() }, { requiredKeys: [] });
  fc.assert(fc.property(fc.array(spanish), (arr) => check(JSON.stringify(arr) ?? '')), { numRuns: 500 });
});
