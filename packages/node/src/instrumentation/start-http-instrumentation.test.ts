import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import { startHttpInstrumentation } from './start-http-instrumentation.js';
import { nodePublishesClientRequestCreated, PropagatingHttpAgent } from './propagating-agent.js';
import { installTestTracing } from './test-support/otel-test-tracing.js';
import type { TestTracing } from './test-support/otel-test-tracing.js';
import { closeServer, httpExchange, listenLocally } from './test-support/local-http.js';

const CHANNELS = [
  'http.server.request.start',
  'http.server.response.finish',
  'http.client.request.start',
  'http.client.response.finish',
  'http.client.request.error',
  'undici:request:create',
  'undici:request:headers',
  'undici:request:trailers',
  'undici:request:error',
  'tracing:fastify.request.handler:start',
];

describe('startHttpInstrumentation', () => {
  let tracing: TestTracing;
  before(() => {
    tracing = installTestTracing();
  });
  after(async () => tracing.uninstall());

  it('subscribes on start, and stop() unsubscribes everything and restores the global agent', async () => {
    const originalAgent = http.globalAgent;
    for (const name of CHANNELS) assert.equal(diagnosticsChannel.hasSubscribers(name), false, name);
    const instrumentation = startHttpInstrumentation();
    for (const name of CHANNELS) assert.equal(diagnosticsChannel.hasSubscribers(name), true, name);
    if (!nodePublishesClientRequestCreated()) assert.ok(http.globalAgent instanceof PropagatingHttpAgent);

    const server = http.createServer((req, res) => res.end('ok'));
    const base = await listenLocally(server);
    try {
      await httpExchange(`${base}/traced`);
      await tracing.waitForSpan((s) => s.attributes['url.path'] === '/traced');
      instrumentation.stop();
      instrumentation.stop(); // idempotent
      for (const name of CHANNELS) assert.equal(diagnosticsChannel.hasSubscribers(name), false, name);
      assert.equal(http.globalAgent, originalAgent);

      tracing.reset();
      await httpExchange(`${base}/after-stop`);
      const response = await fetch(`${base}/after-stop-fetch`);
      await response.text();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(tracing.spans(), []);
    } finally {
      await closeServer(server);
    }
  });

  it('can leave out the server, client or fetch side', () => {
    const instrumentation = startHttpInstrumentation({ server: false, fetch: false });
    try {
      assert.equal(diagnosticsChannel.hasSubscribers('http.server.request.start'), false);
      assert.equal(diagnosticsChannel.hasSubscribers('undici:request:create'), false);
      assert.equal(diagnosticsChannel.hasSubscribers('http.client.request.start'), true);
    } finally {
      instrumentation.stop();
    }
  });
});
