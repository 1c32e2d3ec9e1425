import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSkein, tempDir } from './harness.js';
import { childOfIds, serviceOf, tagOf, waitForJaegerTrace, zipkinTrace } from './read-back.js';

// jaeger-client is CommonJS without typings; these are the parts of its OpenTracing API used here.
interface OtSpan {
  setTag(key: string, value: unknown): OtSpan;
  log(fields: Record<string, unknown>): OtSpan;
  finish(): void;
  context(): { toTraceId(): string; toSpanId(): string; isSampled(): boolean };
}
interface OtTracer {
  startSpan(name: string, options?: { childOf?: unknown; tags?: Record<string, unknown> }): OtSpan;
  close(cb: () => void): void;
}
type InitTracer = (config: Record<string, unknown>, options: Record<string, unknown>) => OtTracer;
const { initTracer, Tracer, RemoteSampler, ProbabilisticSampler } = createRequire(import.meta.url)('jaeger-client') as {
  initTracer: InitTracer;
  Tracer: new (service: string, reporter: unknown, sampler: unknown, options: Record<string, unknown>) => OtTracer;
  RemoteSampler: new (service: string, options: Record<string, unknown>) => unknown;
  ProbabilisticSampler: new (rate: number) => unknown;
};

const quietLogger = { info: () => {}, error: (m: string) => console.error(`jaeger-client: ${m}`) };

/** The scenario of the jaeger-udp fixture: a server span and a failing client call with logs. */
function emitScenario(tracer: OtTracer): string {
  const root = tracer.startSpan('GET /', { tags: { 'span.kind': 'server', 'http.method': 'GET', 'http.status_code': 200 } });
  const call = tracer.startSpan('call_api_03', { childOf: root.context(), tags: { 'span.kind': 'client', 'peer.service': 'api-03', retry: 1, ratio: 0.5, ok: true, error: true } });
  call.log({ event: 'request sent', size: 128 });
  call.log({ event: 'error', message: 'timeout after 2s' });
  call.finish();
  root.finish();
  return root.context().toTraceId();
}

const close = (tracer: OtTracer) => new Promise<void>((resolve) => tracer.close(resolve));

describe('jaeger-client (Node) sends to Skein: UDP agent, HTTP collector, remote sampling', () => {
  let skein: Awaited<ReturnType<typeof startTestSkein>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let strategies: string;
  before(async () => {
    dir = await tempDir();
    strategies = join(dir.path, 'strategies.json');
    await writeFile(strategies, JSON.stringify({ default_strategy: { type: 'probabilistic', param: 0 }, service_strategies: [{ service: 'always-sampled', type: 'probabilistic', param: 1 }] }));
    skein = await startTestSkein({ 'sampling-strategies': strategies });
  });
  after(async () => {
    await skein?.stop();
    await dir?.remove();
  });

  const checkScenario = async (traceId: string, service: string) => {
    const t = await waitForJaegerTrace(skein.urls.query, traceId, 2);
    assert.equal(t.spans.length, 2);
    const root = t.spans.find((s) => s.operationName === 'GET /')!;
    const call = t.spans.find((s) => s.operationName === 'call_api_03')!;
    assert.deepEqual(childOfIds(call), [root.spanID]);
    assert.equal(serviceOf(t, root), service);
    // JavaScript numbers are doubles, and the Node client tags them as DOUBLE: kept as sent.
    assert.deepEqual(tagOf(root, 'http.status_code'), { key: 'http.status_code', type: 'float64', value: 200 });
    assert.deepEqual(tagOf(call, 'retry'), { key: 'retry', type: 'float64', value: 1 });
    assert.deepEqual(tagOf(call, 'ratio'), { key: 'ratio', type: 'float64', value: 0.5 });
    assert.deepEqual(tagOf(call, 'ok'), { key: 'ok', type: 'bool', value: true });
    assert.equal(tagOf(call, 'error')?.value, true);
    assert.equal(tagOf(call, 'span.kind')?.value, 'client');
    assert.equal(tagOf(root, 'sampler.type')?.value, 'const', 'the sampler tags are kept');
    assert.deepEqual(
      call.logs.map((l) => Object.fromEntries(l.fields.map((f) => [f.key, f.value]))),
      [{ event: 'request sent', size: 128 }, { event: 'error', message: 'timeout after 2s' }],
    );
    const process = t.processes[root.processID]!;
    const processTag = (k: string) => process.tags.find((x) => x.key === k);
    assert.equal(processTag('service.version')?.value, '2.0.0');
    assert.match(String(processTag('jaeger.version')?.value), /^Node-3\./);
    assert.ok(processTag('hostname'), 'hostname process tag kept');
    assert.ok(processTag('ip'), 'ip process tag kept');
    // The Zipkin API shows the same trace, with the 64-bit id the client made.
    const zt = await zipkinTrace(skein.urls.zipkin, traceId);
    assert.equal(zt.length, 2);
    assert.equal(zt.find((s) => s.name === 'call_api_03')!.kind, 'CLIENT');
  };

  for (const port of ['jaegerCompact', 'jaegerBinary'] as const) {
    test(`UDP agent protocol on the ${port === 'jaegerCompact' ? '6831 (compact)' : '6832 (binary)'} port: the Node client sends binary Thrift`, async () => {
      const udp = new URL(skein.urls[port].replace(/^udp:/, 'http:'));
      const tracer = initTracer(
        { serviceName: `jaeger-udp-${port}`, sampler: { type: 'const', param: 1 }, reporter: { agentHost: udp.hostname, agentPort: Number(udp.port), flushIntervalMs: 50 } },
        { tags: { 'service.version': '2.0.0' }, logger: quietLogger },
      );
      const traceId = emitScenario(tracer);
      await close(tracer);
      await checkScenario(traceId, `jaeger-udp-${port}`);
    });
  }

  test('HTTP collector: Thrift batches POSTed to /api/traces on 14268', async () => {
    const tracer = initTracer(
      { serviceName: 'jaeger-http-client', sampler: { type: 'const', param: 1 }, reporter: { collectorEndpoint: `${skein.urls.jaegerHttp}/api/traces`, flushIntervalMs: 50 } },
      { tags: { 'service.version': '2.0.0' }, logger: quietLogger },
    );
    const traceId = emitScenario(tracer);
    await close(tracer);
    await checkScenario(traceId, 'jaeger-http-client');
  });

  test('remote sampling: the client adopts the strategy Skein serves from the strategies file', async () => {
    const sampling = new URL(skein.urls.sampling);
    const strategyFor = async (service: string) => {
      let updated!: () => void;
      const gotUpdate = new Promise<void>((r) => (updated = r));
      // The client's own remote sampler, polling Skein every 100 ms, starting at probability 0.5.
      const sampler = new RemoteSampler(service, { sampler: new ProbabilisticSampler(0.5), host: sampling.hostname, port: Number(sampling.port), refreshInterval: 100, onSamplerUpdate: updated, logger: quietLogger });
      const tracer = new Tracer(service, undefined, sampler, { logger: quietLogger });
      await gotUpdate;
      const sampled = Array.from({ length: 50 }, () => tracer.startSpan('op').context().isSampled());
      await close(tracer);
      return sampled;
    };
    assert.ok((await strategyFor('always-sampled')).every(Boolean), 'probabilistic 1.0 from the service strategy');
    assert.ok((await strategyFor('someone-else')).every((s) => !s), 'probabilistic 0 from the default strategy');
  });
});
