import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runLoad } from './load-with-autocannon.js';
import { ServerUnderTest, variantCommand } from './server-variant.js';

const SINK = 'http://127.0.0.1:4318';

describe('variantCommand', () => {
  const parentEnv = { PATH: '/usr/bin', OTEL_BSP_SCHEDULE_DELAY: '1', OTEL_TRACES_SAMPLER: 'always_off', NODE_OPTIONS: '--require x' };

  it('runs the bare server with no flags and none of the shell\'s OTEL_* or NODE_OPTIONS', () => {
    const c = variantCommand('node:http', 'bare', SINK, parentEnv);
    assert.deepEqual(c.execArgv, []);
    assert.match(c.script, /hello-http-server\.cjs$/);
    assert.deepEqual(c.env, { PATH: '/usr/bin' });
  });

  it('gives both SDKs the same exporter settings, pointing at the sink', () => {
    const skein = variantCommand('fastify', 'skein', SINK, parentEnv);
    const otel = variantCommand('fastify', 'otel', SINK, parentEnv);
    assert.match(skein.script, /hello-fastify-server\.cjs$/);
    assert.deepEqual(skein.execArgv[0], '--import');
    assert.match(skein.execArgv[1]!, /^file:.*\/register\/register\.js$/);
    assert.deepEqual(otel.execArgv[0], '--require');
    assert.match(otel.execArgv[1]!, /otel-node-sdk-preload\.cjs$/);
    const { OTEL_SERVICE_NAME: a, ...skeinRest } = skein.env;
    const { OTEL_SERVICE_NAME: b, ...otelRest } = otel.env;
    assert.deepEqual(skeinRest, otelRest);
    assert.equal(skeinRest.OTEL_EXPORTER_OTLP_ENDPOINT, SINK);
    assert.equal(skeinRest.OTEL_TRACES_EXPORTER, 'otlp');
    assert.equal(skeinRest.OTEL_TRACES_SAMPLER, undefined, 'the shell\'s sampler is not inherited');
    assert.equal(skeinRest.NODE_OPTIONS, undefined);
    assert.notEqual(a, b);
  });
});

describe('ServerUnderTest (smoke)', () => {
  it('starts the bare node:http variant and autocannon gets 200s from it', async () => {
    const server = await ServerUnderTest.start('node:http', 'bare', SINK);
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const result = await runLoad({ url: server.url, connections: 4, seconds: 0.5, pipelining: 1 });
      assert.ok(result.ok > 0, 'some 2xx answers');
      assert.equal(result.non2xx, 0);
      assert.equal(result.errors, 0);
      assert.ok(result.requestsPerSecond > 0);
      assert.ok((await server.cpuSeconds()) >= 0);
    } finally {
      await server.stop();
    }
  });
});
