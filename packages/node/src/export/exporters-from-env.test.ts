import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spanExportersFromEnv } from './exporters-from-env.js';
import { OtlpHttpSpanExporter } from './otlp/otlp-http-exporter.js';
import { ZipkinSpanExporter } from './zipkin/zipkin-exporter.js';
import { ConsoleSpanExporter } from './console/console-exporter.js';
import { captureDiag } from './test-support/capture-diag.js';
import type { SpanExporter } from './span-exporter.js';

const resource = { attributes: { 'service.name': 'shop' } };
const kinds = (exporters: SpanExporter[]): string[] => exporters.map((e) => e.constructor.name);

async function shutdownAll(exporters: SpanExporter[]): Promise<void> {
  await Promise.all(exporters.map((e) => e.shutdown()));
}

test('OTLP by default, configured from the environment', async () => {
  const exporters = spanExportersFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, resource);
  assert.deepEqual(kinds(exporters), ['OtlpHttpSpanExporter']);
  assert.equal((exporters[0] as OtlpHttpSpanExporter).url.href, 'http://collector:4318/v1/traces');
  await shutdownAll(exporters);
});

test('a comma list, case-insensitive, duplicates once', async () => {
  const exporters = spanExportersFromEnv({ OTEL_TRACES_EXPORTER: ' zipkin, Console ,otlp,zipkin' }, resource);
  assert.deepEqual(kinds(exporters), ['ZipkinSpanExporter', 'ConsoleSpanExporter', 'OtlpHttpSpanExporter']);
  assert.ok(exporters[0] instanceof ZipkinSpanExporter);
  assert.ok(exporters[1] instanceof ConsoleSpanExporter);
  await shutdownAll(exporters);
});

test('none means no exporter', () => {
  assert.deepEqual(spanExportersFromEnv({ OTEL_TRACES_EXPORTER: 'none' }, resource), []);
});

test('unknown names are skipped with a warning', async () => {
  let exporters: SpanExporter[] = [];
  const warnings = captureDiag(() => {
    exporters = spanExportersFromEnv({ OTEL_TRACES_EXPORTER: 'prometheus,otlp,jaeger' }, resource);
  });
  assert.deepEqual(kinds(exporters), ['OtlpHttpSpanExporter']);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /unknown exporter "prometheus"/);
  assert.match(warnings[1]!, /jaeger/);
  await shutdownAll(exporters);
});
