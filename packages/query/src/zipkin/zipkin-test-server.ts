import Fastify, { type FastifyInstance } from 'fastify';
import { MemoryTraceStore } from '@skein/store';
import type { TraceStore } from '@skein/store';
import { registerZipkinQueryApi, type ZipkinQueryApiOptions } from './register-zipkin-query-api.js';
import { NOW_MS, allTestSpans } from './zipkin-api-test-data.js';

export interface ZipkinTestServer {
  readonly store: TraceStore;
  /** GETs `path`: the status, headers and raw text, and the text parsed as JSON when it is JSON. */
  get(path: string): Promise<{ status: number; headers: Headers; text: string; json: unknown }>;
  close(): Promise<void>;
}

/**
 * A real Fastify server on 127.0.0.1 (ephemeral port) serving the Zipkin API over a memory
 * store holding the test traces, queried over real HTTP.
 */
export async function startZipkinTestServer(opts: Partial<ZipkinQueryApiOptions> = {}): Promise<ZipkinTestServer> {
  const store = opts.store ?? new MemoryTraceStore();
  if (!opts.store) await store.writeBatch(allTestSpans());
  const app: FastifyInstance = Fastify();
  await registerZipkinQueryApi(app, { now: () => NOW_MS * 1_000_000n, ...opts, store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    store,
    async get(path) {
      const res = await fetch(base + path);
      const text = await res.text();
      const json = (res.headers.get('content-type') ?? '').startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined;
      return { status: res.status, headers: res.headers, text, json };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
