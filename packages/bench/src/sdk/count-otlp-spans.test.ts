import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { makeRealisticSpans } from '@skein/node/export/bench-support';
import { encodeOtlpProtobuf } from '@skein/node/export/otlp/encode-otlp-protobuf';
import { countOtlpJsonSpans, countOtlpProtobufSpans } from './count-otlp-spans.js';
import { toOtelReadableSpans } from './otel-readable-spans.js';

describe('countOtlpProtobufSpans', () => {
  it('counts the spans of every resource and scope in a request', () => {
    const spans = makeRealisticSpans(7);
    const otherResource = { attributes: { 'service.name': 'other' } };
    const otherScope = { name: 'other-scope', version: undefined, schemaUrl: undefined };
    const mixed = spans.map((s, i) => (i % 3 === 0 ? { ...s, resource: otherResource } : i % 3 === 1 ? { ...s, scope: otherScope } : s));
    assert.equal(countOtlpProtobufSpans(encodeOtlpProtobuf(spans)), 7);
    assert.equal(countOtlpProtobufSpans(encodeOtlpProtobuf(mixed)), 7);
    assert.equal(countOtlpProtobufSpans(new Uint8Array(0)), 0);
  });

  it("counts what OpenTelemetry JS's own serializer sends", async () => {
    const body = ProtobufTraceSerializer.serializeRequest(await toOtelReadableSpans(makeRealisticSpans(11)));
    assert.ok(body);
    assert.equal(countOtlpProtobufSpans(body), 11);
  });

  it('throws on a truncated or garbled request instead of guessing', () => {
    const body = encodeOtlpProtobuf(makeRealisticSpans(3));
    assert.throws(() => countOtlpProtobufSpans(body.subarray(0, body.length - 5)));
    assert.throws(() => countOtlpProtobufSpans(Uint8Array.of(0x0b, 0x01)), /wire type/);
  });
});

describe('countOtlpJsonSpans', () => {
  it('counts resourceSpans[].scopeSpans[].spans[]', () => {
    const json = { resourceSpans: [{ scopeSpans: [{ spans: [{}, {}] }, { spans: [{}] }] }, { scopeSpans: [{}] }] };
    assert.equal(countOtlpJsonSpans(Buffer.from(JSON.stringify(json))), 3);
    assert.equal(countOtlpJsonSpans(Buffer.from('{}')), 0);
  });
});
