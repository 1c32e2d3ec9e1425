import Fastify from 'fastify';
import { SkeinError, type Span } from '@skein/model';
import { MemoryTraceStore } from '@skein/store';
import { registerSkeinApi } from './skein-api.js';

export interface SkeinApiTestServer {
  readonly store: MemoryTraceStore;
  /** GETs `path`; `T` is the JSON body the caller expects (the tests then check it exactly). */
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * A real Fastify server on 127.0.0.1 (ephemeral port) with Skein's API over a memory store
 * holding `spans`. Coded errors are answered as the server's http-app does, so tests see the
 * same `{ error: { code, message } }` bodies a client sees.
 */
export async function startSkeinApiTestServer(spans: readonly Span[]): Promise<SkeinApiTestServer> {
  const store = new MemoryTraceStore();
  await store.writeBatch(spans);
  const app = Fastify();
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof SkeinError) return reply.code(err.status).send({ error: err.toJSON() });
    return reply.code(500).send({ error: { code: 'SKEIN_ERR_INTERNAL', message: (err as Error).message } });
  });
  await app.register(registerSkeinApi, { store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    store,
    async get<T>(path: string) {
      const res = await fetch(base + path);
      return { status: res.status, body: (await res.json()) as T };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
