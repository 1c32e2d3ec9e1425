import Fastify, { type FastifyInstance } from 'fastify';
import { MemoryTraceStore } from '@skein/store';
import { registerJaegerQueryApi } from './register-jaeger-query-api.js';
import { NOW, traceA, traceB, traceC, traceD } from './api-test-traces.js';

export interface JaegerTestServer {
  readonly app: FastifyInstance;
  readonly store: MemoryTraceStore;
  /** GETs `path`; `T` is what the caller expects the JSON body to be (the tests then check it exactly). */
  get<T = unknown>(path: string): Promise<{ status: number; headers: Headers; body: T }>;
  close(): Promise<void>;
}

/**
 * A real Fastify server on 127.0.0.1 (ephemeral port) with the Jaeger API over a memory store
 * holding the test traces, queried with real HTTP requests.
 */
export async function startJaegerTestServer(): Promise<JaegerTestServer> {
  const store = new MemoryTraceStore();
  await store.writeBatch([...traceD, ...traceC, ...traceB, ...traceA]);
  const app = Fastify();
  registerJaegerQueryApi(app, { store, now: () => NOW });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    app,
    store,
    async get<T>(path: string) {
      const res = await fetch(base + path);
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
