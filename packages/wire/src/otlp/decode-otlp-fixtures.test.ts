import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type AnyValue, type Span, SpanKind, StatusCode, findAttribute } from '@skein/model';
import { manifestEntry, readWireFixture } from '@skein/testkit';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
import { encodeOtlpProtobuf } from './encode-otlp-protobuf.js';
import { toOtlpJson } from './encode-otlp-json.js';

const FIXTURES: Array<[file: string, decode: (body: Buffer) => Span[]]> = [
  ['otel-otlp-proto.bin', decodeOtlpProtobuf],
  ['otel-otlp-grpc.bin', decodeOtlpProtobuf],
  ['otel-otlp-json.bin', decodeOtlpJson],
];

/** The manifest spells attribute values as JSON; OTLP keeps whole numbers as int and the rest as double. */
function expectedValue(v: unknown): AnyValue {
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'double', value: v };
  if (Array.isArray(v)) return { type: 'array', value: v.map(expectedValue) };
  throw new Error(`manifest value not understood: ${JSON.stringify(v)}`);
}

const expectedKind = (name: string): SpanKind => SpanKind[name as keyof typeof SpanKind];
const expectedStatus = (name: string | undefined): StatusCode => (name === undefined ? StatusCode.UNSET : StatusCode[name as keyof typeof StatusCode]);

for (const [file, decode] of FIXTURES) {
  test(`${file}: every field the manifest lists decodes as the client sent it`, () => {
    const entry = manifestEntry(file);
    const spans = decode(readWireFixture(file));
    assert.equal(spans.length, entry.spans!.length);
    const byName = new Map(spans.map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()].sort(), entry.spans!.map((s) => s.name).sort());

    for (const s of spans) {
      assert.equal(s.traceId, entry.traceId);
      assert.match(s.spanId, /^[0-9a-f]{16}$/);
      assert.equal(s.traceIdHigh64Absent, false);
      assert.equal(s.shared, false);
      // One resource and one scope object for the whole ResourceSpans/ScopeSpans.
      assert.equal(s.resource, spans[0]!.resource);
      assert.equal(s.scope, spans[0]!.scope);
    }

    const resource = spans[0]!.resource;
    for (const [key, value] of Object.entries(entry.resource!)) assert.deepEqual(findAttribute(resource.attributes, key), expectedValue(value), `resource ${key}`);
    assert.equal(spans[0]!.scope.name, entry.scope!.name);
    assert.equal(spans[0]!.scope.version, entry.scope!.version);

    for (const want of entry.spans!) {
      const s = byName.get(want.name)!;
      const label = `span "${want.name}"`;
      assert.equal(s.parentSpanId, want.parent === null ? '' : byName.get(want.parent)!.spanId, `${label} parent`);
      assert.equal(s.kind, expectedKind(want.kind as string), `${label} kind`);
      assert.equal(s.status.code, expectedStatus(want.status as string | undefined), `${label} status`);
      if (want.statusMessage !== undefined) assert.equal(s.status.message, want.statusMessage, `${label} status message`);
      assert.deepEqual(
        s.events.map((e) => e.name),
        (want.events as string[] | undefined) ?? [],
        `${label} events`,
      );
      for (const [key, value] of Object.entries((want.attributes as Record<string, unknown> | undefined) ?? {}))
        assert.deepEqual(findAttribute(s.attributes, key), expectedValue(value), `${label} attribute ${key}`);
      const wantLinks = (want.links as Array<{ traceId: string; spanId: string; attributes: Record<string, unknown> }> | undefined) ?? [];
      assert.equal(s.links.length, wantLinks.length, `${label} links`);
      wantLinks.forEach((l, i) => {
        assert.equal(s.links[i]!.traceId, l.traceId);
        assert.equal(s.links[i]!.spanId, l.spanId);
        for (const [key, value] of Object.entries(l.attributes)) assert.deepEqual(findAttribute(s.links[i]!.attributes, key), expectedValue(value), `${label} link attribute ${key}`);
      });
      if (want.durationMs !== undefined) {
        const ms = Number(s.endTimeUnixNano - s.startTimeUnixNano) / 1e6;
        assert.ok(Math.abs(ms - (want.durationMs as number)) < 1, `${label} lasted ${ms} ms`);
      }
      assert.ok(s.startTimeUnixNano > 1_600_000_000_000_000_000n && s.endTimeUnixNano >= s.startTimeUnixNano, `${label} times`);
    }
  });

  test(`${file}: re-encoding (protobuf and JSON) gives back the same spans`, () => {
    const spans = decode(readWireFixture(file));
    assert.deepEqual(decodeOtlpProtobuf(encodeOtlpProtobuf(spans)), spans);
    assert.deepEqual(decodeOtlpJson(JSON.stringify(toOtlpJson(spans))), spans);
  });
}

test('the protobuf and JSON fixtures carry the same scenario and decode to the same shape', () => {
  const fromProto = decodeOtlpProtobuf(readWireFixture('otel-otlp-proto.bin'));
  const fromGrpc = decodeOtlpProtobuf(readWireFixture('otel-otlp-grpc.bin'));
  const fromJson = decodeOtlpJson(readWireFixture('otel-otlp-json.bin'));
  // Ids and times differ per capture; everything else must match field for field.
  const shape = (spans: Span[]) =>
    spans
      .map((s) => ({ name: s.name, kind: s.kind, status: s.status, attributes: s.attributes, events: s.events.map((e) => [e.name, e.attributes]), links: s.links, resource: s.resource, scope: s.scope, flags: s.flags }))
      .sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual(shape(fromGrpc), shape(fromProto));
  assert.deepEqual(shape(fromJson), shape(fromProto));
});

test('toOtlpJson writes OTLP/JSON: hex ids, int64 as decimal strings, enums as integers', () => {
  const original = JSON.parse(readWireFixture('otel-otlp-json.bin').toString('utf8'));
  const out = toOtlpJson(decodeOtlpJson(readWireFixture('otel-otlp-json.bin')));
  const origSpans = original.resourceSpans[0].scopeSpans[0].spans;
  const outSpans = out.resourceSpans[0]!.scopeSpans[0]!.spans;
  assert.equal(out.resourceSpans.length, 1);
  assert.deepEqual(out.resourceSpans[0]!.scopeSpans[0]!.scope, original.resourceSpans[0].scopeSpans[0].scope);
  assert.deepEqual(out.resourceSpans[0]!.resource.attributes, original.resourceSpans[0].resource.attributes);
  for (let i = 0; i < origSpans.length; i++) {
    const [o, s] = [origSpans[i], outSpans[i]!];
    assert.equal(s.traceId, o.traceId);
    assert.equal(s.spanId, o.spanId);
    assert.equal(s.parentSpanId, o.parentSpanId || undefined);
    assert.equal(s.kind, o.kind);
    assert.equal(typeof s.startTimeUnixNano, 'string');
    assert.equal(s.startTimeUnixNano, o.startTimeUnixNano);
    assert.equal(s.endTimeUnixNano, o.endTimeUnixNano);
    assert.equal(s.flags, o.flags);
  }
  const callApi02 = outSpans.find((s) => s.name === 'call_api_02')!;
  assert.deepEqual(callApi02.status, { code: 2, message: 'upstream unavailable' });
  assert.deepEqual(callApi02.attributes!.find((a) => a.key === 'http.response.status_code')!.value, { intValue: '503' });
  assert.deepEqual(callApi02.attributes!.find((a) => a.key === 'ratio')!.value, { doubleValue: 0.75 });
  assert.deepEqual(callApi02.attributes!.find((a) => a.key === 'codes')!.value, { arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }, { intValue: '3' }] } });
});
