import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, StatusCode, anyValueToString, displayTraceId, findAttribute, serviceNameOf, spanKindFromName, type Span } from '@skein/model';
import { manifestEntry, readWireFixture, wireManifest, type FixtureManifestEntry } from '@skein/testkit';
import { decodeZipkinV1Json } from './decode-zipkin-v1-json.js';
import { decodeZipkinV1Thrift } from './decode-zipkin-v1-thrift.js';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';

const DECODERS: Record<string, (body: Buffer) => Span[]> = {
  'zipkin-v1-thrift': decodeZipkinV1Thrift,
  'zipkin-v1-json': decodeZipkinV1Json,
};
const V1_FIXTURES = wireManifest().filter((e) => e.protocol in DECODERS);

/** The span list a fixture was asked to record (`sameAs` points at the scenario's other encoding). */
function scenarioSpans(entry: FixtureManifestEntry): NonNullable<FixtureManifestEntry['spans']> {
  if (entry.spans) return entry.spans;
  assert.ok(entry.sameAs, `${entry.file} has neither spans nor sameAs`);
  const other = manifestEntry(`${entry.sameAs}.bin`);
  assert.ok(other.spans, `${other.file} lists no spans`);
  return other.spans;
}

const textOf = (s: Span, key: string): string | undefined => {
  const v = findAttribute(s.attributes, key);
  return v === undefined ? undefined : anyValueToString(v);
};

test('every Zipkin v1 fixture of the manifest is covered', () => {
  assert.deepEqual(V1_FIXTURES.map((e) => e.file).sort(), ['pyzipkin-V1_JSON.bin', 'pyzipkin-V1_THRIFT.bin', 'zipkinjs-v1.bin']);
});

for (const entry of V1_FIXTURES) {
  test(`${entry.file}: every field the manifest lists decodes`, () => {
    const spans = DECODERS[entry.protocol]!(readWireFixture(entry.file));
    const expected = scenarioSpans(entry);

    for (const s of spans) {
      assert.equal(s.traceId, entry.traceId.padStart(32, '0'));
      assert.equal(s.traceIdHigh64Absent, entry.traceId.length === 16);
      assert.equal(displayTraceId(s.traceId, s.traceIdHigh64Absent), entry.traceId);
    }
    assert.deepEqual([...new Set(spans.map((s) => serviceNameOf(s.resource)))].sort(), [...(entry.services ?? [])].sort());

    // Each listed span is there once, or twice when one v1 span held both RPC sides: Zipkin
    // splits those into a CLIENT span and a shared SERVER span with the same id.
    const byName = new Map<string, Span[]>();
    for (const s of spans) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    assert.deepEqual([...byName.keys()].sort(), expected.map((e) => e.name).sort());
    for (const [name, halves] of byName) {
      if (halves.length === 1) continue;
      assert.equal(halves.length, 2, name);
      assert.deepEqual(halves.map((h) => [h.kind, h.shared]), [[SpanKind.CLIENT, false], [SpanKind.SERVER, true]], name);
      assert.equal(halves[0]!.spanId, halves[1]!.spanId, name);
    }

    for (const want of expected) {
      const got = byName.get(want.name)!;
      for (const s of got) {
        if (want.parent === null) assert.equal(s.parentSpanId, '', `${want.name} is a root`);
        else assert.equal(s.parentSpanId, byName.get(want.parent)?.[0]?.spanId, `${want.name}'s parent is ${want.parent}`);
        if (typeof want.kind === 'string') assert.equal(s.kind, spanKindFromName(want.kind), `${want.name} kind`);
      }
      const first = got[0]!;
      for (const [k, v] of Object.entries((want.tags as Record<string, unknown> | undefined) ?? {})) assert.equal(textOf(first, k), String(v), `${want.name} tag ${k}`);
      if (Array.isArray(want.annotations)) assert.deepEqual(first.events.map((e) => e.name), want.annotations);
      if (typeof want.remoteService === 'string') assert.equal(textOf(first, 'peer.service'), want.remoteService);
    }
  });
}

test('pyzipkin-V1_THRIFT.bin: py_zipkin\'s local span do_stuff (cs = sr, ss = cr, one endpoint) stays one kind-less span', () => {
  const spans = decodeZipkinV1Thrift(readWireFixture('pyzipkin-V1_THRIFT.bin'));
  const doStuff = spans.filter((s) => s.name === 'do_stuff');
  assert.equal(doStuff.length, 1, 'Zipkin would split it into a client and a shared server span');
  const [local] = doStuff;
  assert.equal(local!.kind, SpanKind.UNSPECIFIED);
  assert.equal(local!.shared, false);
  // the span's own timestamp and duration; cs/sr/ss/cr are consumed, not kept as events
  assert.equal(local!.startTimeUnixNano, 1_795_234_591_853_753_000n);
  assert.equal(local!.endTimeUnixNano - local!.startTimeUnixNano, 15_210_000n);
  assert.deepEqual(local!.events, []);
  assert.equal(textOf(local!, 'net.host.ip'), '127.0.0.1');
  assert.deepEqual(findAttribute(local!.attributes, 'net.host.port'), { type: 'int', value: 5000n });
  // every span of the one service shares one Resource
  assert.equal(new Set(spans.map((s) => s.resource)).size, 1);
});

test('zipkinjs-v1.bin: endpoints, error tag, times and annotations in detail', () => {
  const [charge, checkout] = decodeZipkinV1Json(readWireFixture('zipkinjs-v1.bin'));
  assert.ok(charge && checkout);
  assert.equal(charge.resource, checkout.resource);
  assert.equal(serviceNameOf(charge.resource), 'frontend');
  // "sa" → remote endpoint, the server's own endpoint → net.host.*
  assert.equal(textOf(charge, 'peer.service'), 'payments');
  assert.equal(textOf(charge, 'net.peer.ip'), '10.1.2.9');
  assert.deepEqual(findAttribute(charge.attributes, 'net.peer.port'), { type: 'int', value: 9000n });
  assert.equal(textOf(checkout, 'net.host.ip'), '10.1.2.3');
  assert.deepEqual(charge.status, { code: StatusCode.ERROR, message: 'card declined' });
  // the span's own timestamp/duration win over cs/cr; other annotations become events
  assert.equal(charge.startTimeUnixNano, 1_795_234_603_220_971_000n);
  assert.equal(charge.endTimeUnixNano - charge.startTimeUnixNano, 15_906_000n);
  assert.deepEqual(charge.events.map((e) => [e.name, e.timeUnixNano]), [['retrying', 1_795_234_603_221_082_000n]]);
  assert.equal(checkout.kind, SpanKind.SERVER);
  assert.equal(checkout.shared, false, 'a server span with its own timestamp started the trace here');
});

test('the v1 and v2 encodings of one scenario give the same Zipkin v2 spans, ids and times aside', () => {
  const shape = (spans: Span[]) =>
    spans.map((s) => {
      const { traceId: _t, id: _i, parentId, timestamp: _ts, duration: _d, annotations, ...rest } = toZipkinV2Span(s);
      return { ...rest, root: parentId === undefined, annotations: annotations?.map((a) => a.value) };
    });
  assert.deepEqual(shape(decodeZipkinV1Json(readWireFixture('zipkinjs-v1.bin'))), shape(decodeZipkinV2Json(readWireFixture('zipkinjs-v2.bin'))));
  // py_zipkin's three encodings of one scenario: the same spans come out of each.
  const pyV2 = shape(decodeZipkinV2Json(readWireFixture('pyzipkin-V2_JSON.bin')));
  assert.deepEqual(shape(decodeZipkinV1Json(readWireFixture('pyzipkin-V1_JSON.bin'))), pyV2);
  assert.deepEqual(shape(decodeZipkinV1Thrift(readWireFixture('pyzipkin-V1_THRIFT.bin'))), pyV2);
});
