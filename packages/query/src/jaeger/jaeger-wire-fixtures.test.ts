import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { MemoryTraceStore } from '@skein/store';
import { manifestEntry, readWireFixture, type FixtureManifestEntry } from '@skein/testkit';
import { decodeOtlpJson, decodeOtlpProtobuf } from '@skein/wire';
import { registerJaegerQueryApi } from './register-jaeger-query-api.js';
import type { JaegerEnvelope, JaegerKeyValue, JaegerSpan, JaegerTrace } from './jaeger-json.js';

const FIXTURES = [
  { file: 'otel-otlp-json.bin', decode: (b: Buffer) => decodeOtlpJson(b) },
  { file: 'otel-otlp-proto.bin', decode: (b: Buffer) => decodeOtlpProtobuf(b) },
];

/** The Jaeger tag a manifest attribute value must come back as. */
function expectedTag(key: string, value: unknown): JaegerKeyValue {
  if (typeof value === 'string') return { key, type: 'string', value };
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { key, type: 'int64', value } : { key, type: 'float64', value };
  // Arrays of strings/numbers: JSON text, which for these equals JSON.stringify.
  return { key, type: 'string', value: JSON.stringify(value) };
}

const tagValue = (span: JaegerSpan, key: string) => span.tags.find((t) => t.key === key)?.value;

describe('Jaeger API on real OpenTelemetry JS exports (wire fixtures)', () => {
  let app: FastifyInstance;
  let base: string;
  before(async () => {
    const store = new MemoryTraceStore();
    for (const f of FIXTURES) await store.writeBatch(f.decode(readWireFixture(f.file)));
    app = Fastify();
    registerJaegerQueryApi(app, { store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  after(async () => {
    await app.close();
  });

  for (const { file } of FIXTURES) {
    it(`${file}: every field the manifest lists, via GET /api/traces/{id}`, async () => {
      const m: FixtureManifestEntry = manifestEntry(file);
      const res = await fetch(`${base}/api/traces/${m.traceId}`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as JaegerEnvelope<JaegerTrace[]>;
      const trace = body.data[0]!;
      assert.equal(trace.traceID, m.traceId);

      const { 'service.name': serviceName, ...processTags } = m.resource as Record<string, unknown>;
      const processes = Object.values(trace.processes);
      assert.equal(processes.length, 1);
      assert.equal(processes[0]!.serviceName, serviceName);
      for (const [key, value] of Object.entries(processTags)) assert.deepEqual(processes[0]!.tags.find((t) => t.key === key), expectedTag(key, value), key);

      const byName = new Map(trace.spans.map((s) => [s.operationName, s]));
      assert.equal(trace.spans.length, m.spans!.length);
      for (const expected of m.spans!) {
        const span = byName.get(expected.name);
        assert.ok(span, expected.name);
        assert.equal(span.traceID, m.traceId);
        assert.equal(span.processID, 'p1');
        assert.equal(tagValue(span, 'otel.scope.name'), m.scope!.name);
        assert.equal(tagValue(span, 'otel.scope.version'), m.scope!.version);
        assert.equal(tagValue(span, 'span.kind'), String(expected.kind).toLowerCase());

        const parentRefs = span.references.filter((r) => r.refType === 'CHILD_OF');
        if (expected.parent === null) assert.deepEqual(parentRefs, []);
        else assert.deepEqual(parentRefs, [{ refType: 'CHILD_OF', traceID: m.traceId, spanID: byName.get(expected.parent)!.spanID }]);

        const status = expected.status as string | undefined;
        assert.equal(tagValue(span, 'otel.status_code'), status === 'OK' || status === 'ERROR' ? status : undefined);
        assert.equal(tagValue(span, 'error'), status === 'ERROR' ? true : undefined);
        assert.equal(tagValue(span, 'otel.status_description'), expected.statusMessage);

        const events = (expected.events as string[] | undefined) ?? [];
        assert.deepEqual(span.logs.map((l) => l.fields.find((f) => f.key === 'event')?.value), events);
        for (const log of span.logs) assert.ok(log.timestamp >= span.startTime && log.timestamp <= span.startTime + span.duration);

        for (const [key, value] of Object.entries((expected.attributes as Record<string, unknown> | undefined) ?? {})) {
          assert.deepEqual(span.tags.find((t) => t.key === key), expectedTag(key, value), `${expected.name} ${key}`);
        }
        const links = (expected.links as Array<{ traceId: string; spanId: string }> | undefined) ?? [];
        assert.deepEqual(
          span.references.filter((r) => r.refType === 'FOLLOWS_FROM'),
          links.map((l) => ({ refType: 'FOLLOWS_FROM', traceID: l.traceId, spanID: l.spanId })),
        );
        if (typeof expected.durationMs === 'number') assert.equal(Math.round(span.duration / 1000), expected.durationMs);
      }
    });
  }
});
