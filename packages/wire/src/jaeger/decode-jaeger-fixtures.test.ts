import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, StatusCode, displayTraceId, findAttribute, serviceNameOf, spanKindFromName, type AnyValue, type Span } from '@skein/model';
import { manifestEntry, readWireFixture, type FixtureManifestEntry } from '@skein/testkit';
import { decodeJaegerAgentDatagram, decodeJaegerThriftBatch } from './decode-jaeger-thrift.js';
import { encodeJaegerAgentDatagram, encodeJaegerThriftBatch } from './encode-jaeger-thrift.js';

const FIXTURES = [
  { file: 'jaeger-udp.bin', decode: decodeJaegerAgentDatagram },
  { file: 'jaeger-http.bin', decode: decodeJaegerThriftBatch },
] as const;

/** The manifest entry holding the scenario (jaeger-http.bin is `sameAs` jaeger-udp). */
function scenario(entry: FixtureManifestEntry): FixtureManifestEntry {
  return entry.spans ? entry : manifestEntry(`${entry.sameAs}.bin`);
}

/**
 * The typed value a manifest value must decode to. The Node jaeger-client sends every JS
 * number as a DOUBLE tag (its Thrift encoder has no integer path), so numbers are doubles here.
 */
function expectedValue(v: unknown): AnyValue {
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'number') return { type: 'double', value: v };
  throw new Error(`unexpected manifest value ${JSON.stringify(v)}`);
}

for (const { file, decode } of FIXTURES) {
  test(`${file}: every span, parent, kind, tag, log and process tag the manifest lists`, () => {
    const entry = manifestEntry(file);
    const want = scenario(entry);
    const spans = decode(readWireFixture(file));
    assert.equal(spans.length, want.spans!.length);

    // trace id: 64-bit on the wire, stored left-padded and given back as sent
    for (const s of spans) {
      assert.equal(s.traceId, entry.traceId.padStart(32, '0'));
      assert.equal(s.traceIdHigh64Absent, true);
      assert.equal(displayTraceId(s.traceId, s.traceIdHigh64Absent), entry.traceId);
      assert.equal(s.flags, 1, 'sampled');
    }

    // process: one Resource object for the batch, service name + every process tag, typed
    assert.equal(new Set(spans.map((s) => s.resource)).size, 1);
    const resource = spans[0]!.resource;
    assert.deepEqual([...new Set(spans.map((s) => serviceNameOf(s.resource)))], entry.services);
    for (const [k, v] of Object.entries(want.processTags ?? {})) assert.deepEqual(findAttribute(resource.attributes, k), expectedValue(v), `process tag ${k}`);
    // the tags the client adds by itself stay under their own names (the collector would rename two)
    assert.deepEqual(
      resource.attributes.map((a) => a.key),
      ['service.name', 'service.version', 'jaeger.version', 'hostname', 'ip', 'client-uuid'],
    );
    assert.deepEqual(findAttribute(resource.attributes, 'jaeger.version'), { type: 'string', value: 'Node-3.19.0' });
    assert.deepEqual(findAttribute(resource.attributes, 'ip'), { type: 'string', value: '192.0.2.2' });

    const byName = new Map<string, Span>(spans.map((s) => [s.name, s]));
    for (const w of want.spans!) {
      const got = byName.get(w.name);
      assert.ok(got, `span "${w.name}" missing`);
      if (w.parent === null) assert.equal(got.parentSpanId, '', `${w.name} is a root`);
      else assert.equal(got.parentSpanId, byName.get(w.parent)!.spanId, `${w.name}'s parent is ${w.parent}`);
      assert.equal(got.kind, spanKindFromName(String(w.kind)), `${w.name} kind`);
      assert.equal(findAttribute(got.attributes, 'span.kind'), undefined, 'span.kind became the kind');

      for (const [k, v] of Object.entries((w.tags as Record<string, unknown> | undefined) ?? {})) {
        if (k === 'error') {
          // error=true is the span's status (collector); the query API writes the tag back from it
          assert.equal(v, true);
          assert.deepEqual(got.status, { code: StatusCode.ERROR, message: '' });
          assert.equal(findAttribute(got.attributes, 'error'), undefined);
        } else assert.deepEqual(findAttribute(got.attributes, k), expectedValue(v), `${w.name} tag ${k}`);
      }
      if (!('error' in ((w.tags as object | undefined) ?? {}))) assert.equal(got.status.code, StatusCode.UNSET);

      const logs = (w.logs as Array<Record<string, unknown>> | undefined) ?? [];
      if (logs.length > 0) {
        assert.equal(got.events.length, logs.length);
        logs.forEach((log, i) => {
          const event = got.events[i]!;
          const { event: name, ...fields } = log;
          assert.equal(event.name, name);
          assert.deepEqual(
            event.attributes,
            Object.entries(fields).map(([key, value]) => ({ key, value: expectedValue(value) })),
          );
          assert.ok(event.timeUnixNano >= got.startTimeUnixNano && event.timeUnixNano <= got.endTimeUnixNano);
        });
      }
    }

    // what the manifest does not list but the client sent: sampler tags stay span attributes,
    // the baggage log keeps its fields, times are µs in ns
    const root = byName.get('GET /')!;
    assert.deepEqual(findAttribute(root.attributes, 'sampler.type'), { type: 'string', value: 'const' });
    assert.deepEqual(findAttribute(root.attributes, 'sampler.param'), { type: 'bool', value: true });
    assert.deepEqual(
      root.events.map((e) => [e.name, e.attributes.map((a) => [a.key, a.value.value])]),
      [['baggage', [['key', 'tenant'], ['value', 'acme']]]],
    );
    assert.equal(root.kind, SpanKind.SERVER);
    for (const s of spans) {
      assert.equal(s.startTimeUnixNano % 1000n, 0n);
      assert.ok(s.endTimeUnixNano > s.startTimeUnixNano);
    }
  });

  test(`${file}: model → Jaeger Thrift → model gives the same spans, in both protocols`, () => {
    const spans = decode(readWireFixture(file));
    assert.deepEqual(decodeJaegerThriftBatch(encodeJaegerThriftBatch(spans, 'binary')), spans);
    for (const protocol of ['binary', 'compact'] as const) assert.deepEqual(decodeJaegerAgentDatagram(encodeJaegerAgentDatagram(spans, protocol)), spans);
  });
}

test('jaeger-udp.bin: exact times and ids of the root span', () => {
  const spans = decodeJaegerAgentDatagram(readWireFixture('jaeger-udp.bin'));
  const root = spans.find((s) => s.name === 'GET /')!;
  // startTime 0x000660c1a078d138 µs, duration 0x61a8 µs, from the bytes of the datagram
  assert.equal(root.startTimeUnixNano, 0x000660c1a078d138n * 1000n);
  assert.equal(root.endTimeUnixNano - root.startTimeUnixNano, 0x61a8n * 1000n);
  assert.equal(root.spanId, '1356e76118419527');
  const child = spans.find((s) => s.name === 'call_api_03')!;
  assert.equal(child.spanId, '1af73b6f2ed84cbd');
});
