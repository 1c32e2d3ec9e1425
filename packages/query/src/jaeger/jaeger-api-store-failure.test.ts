import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { MemoryTraceStore } from '@skein/store';
import { registerJaegerQueryApi } from './register-jaeger-query-api.js';

describe('Jaeger APIs when the store fails', () => {
  it('answers 500 in each API’s error shape instead of crashing', async () => {
    const store = new MemoryTraceStore();
    await store.close(); // every read now throws, as a store whose disk went away would
    const app = Fastify({ logger: false });
    registerJaegerQueryApi(app, { store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const v1 = await fetch(`${base}/api/traces?service=web`);
      assert.equal(v1.status, 500);
      assert.equal(v1.headers.get('x-skein-error-code'), 'SKEIN_ERR_INTERNAL');
      assert.deepEqual(await v1.json(), { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'internal error: the trace store is closed' }] });
      const v3 = await fetch(`${base}/api/v3/services`);
      assert.equal(v3.status, 500);
      assert.deepEqual(await v3.json(), { error: { httpCode: 500, message: 'internal error: the trace store is closed' } });
      // The server keeps serving.
      assert.equal((await fetch(`${base}/api/services`)).status, 500);
    } finally {
      await app.close();
    }
  });
});
