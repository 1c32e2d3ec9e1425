import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { remoteSamplingApi, type RemoteSamplingApiOptions } from './remote-sampling-api.js';
import { JAEGER_DOCS_EXAMPLE } from './sampling-test-data.js';
import type { SamplingLogger } from './strategies-file-watcher.js';

let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'skein-sampling-api-'))));
after(() => rm(dir, { recursive: true, force: true }));

/** The plugin on a real Fastify server on 127.0.0.1, queried over HTTP. */
async function startSamplingServer(opts: RemoteSamplingApiOptions) {
  const app: FastifyInstance = Fastify();
  await app.register(remoteSamplingApi, opts);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const port = address.port;
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json: JSON.parse(text) as Record<string, unknown> };
  };
  return { app, port, get, close: () => app.close() };
}

const rateFor = async (server: Awaited<ReturnType<typeof startSamplingServer>>, service: string) =>
  ((await server.get(`/api/sampling?service=${service}`)).json.probabilisticSampling as { samplingRate: number }).samplingRate;

describe('Jaeger remote sampling API with a strategies file', () => {
  let server: Awaited<ReturnType<typeof startSamplingServer>>;
  before(async () => {
    const path = join(dir, 'docs-example.json');
    await writeFile(path, JAEGER_DOCS_EXAMPLE);
    server = await startSamplingServer({ strategiesFile: path });
  });
  after(() => server.close());

  test("GET /api/sampling: a service's own strategy with its per-operation strategies", async () => {
    const r = await server.get('/api/sampling?service=foo');
    assert.equal(r.status, 200);
    assert.match(r.contentType, /^application\/json/);
    assert.deepEqual(r.json, {
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: 0.8 },
      operationSampling: {
        defaultSamplingProbability: 0.8,
        defaultLowerBoundTracesPerSecond: 0,
        perOperationStrategies: [
          { operation: 'op1', probabilisticSampling: { samplingRate: 0.2 } },
          { operation: 'op2', probabilisticSampling: { samplingRate: 0.4 } },
          { operation: '/health', probabilisticSampling: { samplingRate: 0 } },
          { operation: '/metrics', probabilisticSampling: { samplingRate: 0 } },
        ],
        defaultUpperBoundTracesPerSecond: 0,
      },
    });
  });

  test('GET /sampling (the agent path) answers the same, with names', async () => {
    const api = await server.get('/api/sampling?service=bar');
    const agent = await server.get('/sampling?service=bar');
    assert.equal(agent.text, api.text);
    assert.equal(agent.json.strategyType, 'RATE_LIMITING');
    assert.deepEqual(agent.json.rateLimitingSampling, { maxTracesPerSecond: 5 });
  });

  test('GET / (the legacy agent endpoint) writes strategy types as numbers', async () => {
    assert.equal((await server.get('/?service=foo')).json.strategyType, 0);
    assert.equal((await server.get('/?service=bar')).json.strategyType, 1);
  });

  test('an unknown service gets the default strategy; names are matched exactly (URL-decoded)', async () => {
    const r = await server.get('/api/sampling?service=Foo');
    assert.deepEqual(r.json.probabilisticSampling, { samplingRate: 0.5 });
    assert.equal(await rateFor(server, 'fo%6F'), 0.8);
  });

  test('without exactly one service parameter: 400 with a clear JSON error', async () => {
    for (const path of ['/api/sampling', '/api/sampling?service=', '/sampling?service=a&service=b', '/?x=1']) {
      const r = await server.get(path);
      assert.equal(r.status, 400, path);
      assert.deepEqual(r.json, { error: { code: 'SKEIN_ERR_BAD_QUERY_PARAM', message: "invalid query parameter: 'service' parameter must be provided once, e.g. /api/sampling?service=frontend" } });
    }
  });
});

test("without a strategies file every service gets Jaeger's default: probabilistic 0.001", async () => {
  const server = await startSamplingServer({});
  try {
    const r = await server.get('/api/sampling?service=anything');
    assert.equal(r.text, '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}}');
  } finally {
    await server.close();
  }
});

test('a missing strategies file fails the registration (the server reports it at startup)', async () => {
  const app = Fastify();
  const missing = join(dir, 'missing.json');
  await assert.rejects(async () => {
    await app.register(remoteSamplingApi, { strategiesFile: missing });
    await app.ready();
  }, (e: unknown) => e instanceof Error && e.message.includes(missing));
  await app.close();
});

test('the file is reloaded when it changes; a broken edit keeps the previous strategies', { timeout: 10_000 }, async () => {
  const path = join(dir, 'reloaded.json');
  await writeFile(path, JSON.stringify({ service_strategies: [{ service: 'api', type: 'probabilistic', param: 0.5 }] }));
  const errors: string[] = [];
  const logger: SamplingLogger = { warn: () => undefined, error: (_o, msg) => void errors.push(msg ?? '') };
  const server = await startSamplingServer({ strategiesFile: path, reloadIntervalMs: 10, logger });
  const pause = () => new Promise((r) => setTimeout(r, 10));
  try {
    assert.equal(await rateFor(server, 'api'), 0.5);
    await writeFile(path, JSON.stringify({ service_strategies: [{ service: 'api', type: 'probabilistic', param: 0.125 }] }));
    while ((await rateFor(server, 'api')) !== 0.125) await pause();

    await writeFile(path, '{"service_strategies": [{"service": "api", "type": "probabilistic", "param": 0.9');
    while (errors.length === 0) await pause();
    assert.match(errors[0]!, /not valid JSON/);
    assert.equal(await rateFor(server, 'api'), 0.125, 'the previous strategies stay in force');
  } finally {
    await server.close();
  }
});

/** The real Node jaeger-client (root node_modules; a dev dependency of @skein/server). */
interface JaegerSampler {
  name(): string;
  /** The sampler the remote one delegates to, replaced by each strategy it fetches. */
  _sampler: { name(): string; _maxTracesPerSecond?: number };
  _refreshSamplingStrategy(): void;
  close(cb?: () => void): void;
}
interface JaegerClient {
  RemoteSampler: new (service: string, options: Record<string, unknown>) => JaegerSampler;
  Tracer: new (service: string, reporter: unknown, sampler: unknown) => { startSpan(name: string): { context(): { isSampled(): boolean }; finish(): void }; close(cb?: () => void): void };
  InMemoryReporter: new () => unknown;
}
const jaeger = createRequire(import.meta.url)('jaeger-client') as JaegerClient;

test("the real jaeger-client RemoteControlledSampler accepts the answers and applies them", async () => {
  const path = join(dir, 'client.json');
  await writeFile(
    path,
    JSON.stringify({
      service_strategies: [
        { service: 'always', type: 'probabilistic', param: 1 },
        { service: 'never', type: 'probabilistic', param: 0 },
        { service: 'per-op', type: 'probabilistic', param: 0, operation_strategies: [{ operation: 'checkout', type: 'probabilistic', param: 1 }] },
        { service: 'limited', type: 'ratelimiting', param: 10 },
      ],
    }),
  );
  const server = await startSamplingServer({ strategiesFile: path });
  try {
    /** A tracer whose sampler has fetched its strategy from Skein once. */
    const tracerFor = async (service: string) => {
      const clientErrors: string[] = [];
      let sampler!: JaegerSampler;
      const updated = new Promise<void>((resolve) => {
        sampler = new jaeger.RemoteSampler(service, {
          host: '127.0.0.1',
          port: server.port,
          refreshInterval: 0, // no timer: refreshed once, below
          logger: { info: () => undefined, error: (m: string) => void clientErrors.push(m) },
          onSamplerUpdate: () => resolve(),
        });
      });
      sampler._refreshSamplingStrategy();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise((_r, reject) => (timer = setTimeout(() => reject(new Error(`no sampler update: ${clientErrors.join('; ')}`)), 5000)));
      await Promise.race([updated, timedOut]).finally(() => clearTimeout(timer));
      assert.deepEqual(clientErrors, []);
      return { sampler, tracer: new jaeger.Tracer(service, new jaeger.InMemoryReporter(), sampler) };
    };
    const sampledCount = (t: { tracer: InstanceType<JaegerClient['Tracer']> }, operation: string, n = 50) => {
      let k = 0;
      for (let i = 0; i < n; i++) {
        const span = t.tracer.startSpan(operation);
        if (span.context().isSampled()) k++;
        span.finish();
      }
      return k;
    };

    const always = await tracerFor('always');
    assert.equal(always.sampler._sampler.name(), 'ProbabilisticSampler');
    assert.equal(sampledCount(always, 'any'), 50, 'probability 1 from Skein replaced the initial 0.001');
    const never = await tracerFor('never');
    assert.equal(sampledCount(never, 'any'), 0);
    const perOp = await tracerFor('per-op');
    assert.equal(perOp.sampler._sampler.name(), 'PerOperationSampler');
    assert.equal(sampledCount(perOp, 'checkout'), 50, 'the per-operation strategy applies to its operation');
    const limited = await tracerFor('limited');
    assert.equal(limited.sampler._sampler.name(), 'RateLimitingSampler');
    assert.equal(limited.sampler._sampler._maxTracesPerSecond, 10);
    for (const t of [always, never, perOp, limited]) t.tracer.close();
  } finally {
    await server.close();
  }
});
