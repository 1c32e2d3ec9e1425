import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, StatusCode, anyValueToString, displayTraceId, findAttribute, serviceNameOf, spanKindFromName, type Span } from '@skein/model';
import { manifestEntry, readWireFixture, type FixtureManifestEntry } from '@skein/testkit';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';

const FIXTURES = ['zipkinjs-v2.bin', 'pyzipkin-V2_JSON.bin', 'otel-zipkin.bin'] as const;

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

for (const file of FIXTURES) {
  test(`${file}: every field the manifest lists decodes`, () => {
    const entry = manifestEntry(file);
    const spans = decodeZipkinV2Json(readWireFixture(file));
    const expected = scenarioSpans(entry);
    assert.equal(spans.length, expected.length);

    // trace id and its width: 64-bit ids are stored padded and given back as sent
    for (const s of spans) {
      assert.equal(s.traceId, entry.traceId.padStart(32, '0'));
      assert.equal(s.traceIdHigh64Absent, entry.traceId.length === 16);
      assert.equal(displayTraceId(s.traceId, s.traceIdHigh64Absent), entry.traceId);
    }
    // services
    assert.deepEqual([...new Set(spans.map((s) => serviceNameOf(s.resource)))].sort(), [...(entry.services ?? [])].sort());

    const byName = new Map(spans.map((s) => [s.name, s]));
    for (const want of expected) {
      const got = byName.get(want.name);
      assert.ok(got, `span "${want.name}" missing`);
      // parents, by name
      if (want.parent === null) assert.equal(got.parentSpanId, '', `${want.name} is a root`);
      else assert.equal(got.parentSpanId, byName.get(want.parent)?.spanId, `${want.name}'s parent is ${want.parent}`);
      // kinds: Zipkin has no INTERNAL; a kind-less span is UNSPECIFIED as in the collector
      if (typeof want.kind === 'string') assert.equal(got.kind, spanKindFromName(want.kind), `${want.name} kind`);
      // tags, as strings (Zipkin's model)
      for (const [k, v] of Object.entries((want.tags as Record<string, unknown> | undefined) ?? {})) assert.equal(textOf(got, k), String(v), `${want.name} tag ${k}`);
      // annotations ↔ events
      if (Array.isArray(want.annotations)) assert.deepEqual(got.events.map((e) => e.name), want.annotations);
      // remote endpoint's service → peer.service
      if (typeof want.remoteService === 'string') assert.equal(textOf(got, 'peer.service'), want.remoteService);
    }
  });

  test(`${file}: Zipkin → model → Zipkin gives back exactly what the client sent`, () => {
    const body = readWireFixture(file);
    const back = decodeZipkinV2Json(body).map(toZipkinV2Span);
    assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(body.toString('utf8')));
  });
}

test('zipkinjs-v2.bin: endpoints, error tag and times in detail', () => {
  const [charge, checkout] = decodeZipkinV2Json(readWireFixture('zipkinjs-v2.bin'));
  assert.ok(charge && checkout);
  // one Resource object per local service, shared by reference
  assert.equal(charge.resource, checkout.resource);
  assert.deepEqual(charge.resource.attributes, [{ key: 'service.name', value: { type: 'string', value: 'frontend' } }]);
  // localEndpoint addresses → net.host.*, remoteEndpoint → peer.service + net.peer.*
  assert.equal(textOf(checkout, 'net.host.ip'), '10.1.2.3');
  assert.deepEqual(findAttribute(checkout.attributes, 'net.host.port'), { type: 'int', value: 8080n });
  assert.equal(textOf(charge, 'peer.service'), 'payments');
  assert.equal(textOf(charge, 'net.peer.ip'), '10.1.2.9');
  assert.deepEqual(findAttribute(charge.attributes, 'net.peer.port'), { type: 'int', value: 9000n });
  // a Zipkin error tag: status ERROR with its text as the message; the tag itself stays
  assert.deepEqual(charge.status, { code: StatusCode.ERROR, message: 'card declined' });
  assert.equal(textOf(charge, 'error'), 'card declined');
  assert.deepEqual(checkout.status, { code: StatusCode.UNSET, message: '' });
  // µs → ns
  assert.equal(charge.startTimeUnixNano, 1795234605282610000n);
  assert.equal(charge.endTimeUnixNano - charge.startTimeUnixNano, 16385000n);
  assert.equal(charge.events[0]!.timeUnixNano, 1795234605282798000n);
  assert.equal(charge.kind, SpanKind.CLIENT);
  assert.equal(checkout.kind, SpanKind.SERVER);
});

test('otel-zipkin.bin: status tags of the OpenTelemetry exporter become span status', () => {
  const spans = decodeZipkinV2Json(readWireFixture('otel-zipkin.bin'));
  const byName = new Map(spans.map((s) => [s.name, s]));
  assert.deepEqual(byName.get('call_api_02')!.status, { code: StatusCode.ERROR, message: 'upstream unavailable' });
  assert.deepEqual(byName.get('GET /')!.status, { code: StatusCode.OK, message: '' });
  assert.deepEqual(byName.get('SELECT users')!.status, { code: StatusCode.UNSET, message: '' });
  // INTERNAL went out with no kind; the collector reads that back as UNSPECIFIED
  assert.equal(byName.get('SELECT users')!.kind, SpanKind.UNSPECIFIED);
  assert.equal(byName.get('call_api_03_FROM_01')!.endTimeUnixNano - byName.get('call_api_03_FROM_01')!.startTimeUnixNano, 2_002_000_000n);
  // all four spans of service api-01 share one resource
  assert.equal(new Set(spans.map((s) => s.resource)).size, 1);
  assert.deepEqual(byName.get('call_api_02')!.events.map((e) => e.name), ['cache miss', 'exception']);
});
