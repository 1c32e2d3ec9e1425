import type { FastifyInstance } from 'fastify';
import { SkeinError, normalizeTraceId } from '@skein/model';
import { xrayTraceIdToHex } from '@skein/wire';
import type { TraceStore } from '@skein/store';
import { parseSkeinSearch, type RawParams } from './search-params.js';
import { spanToJson } from './span-json.js';
import { summarizeTrace } from './trace-summary.js';

/**
 * Skein's own API (used by the CLI and, later, the UI):
 *   GET /api/skein/traces?…      → { traces: TraceSummary[] } (see parseSkeinSearch)
 *   GET /api/skein/traces/:id    → { traceId, summary, spans: SkeinSpanJson[] }
 *   GET /api/skein/services      → { services: string[] }
 * Errors: `{ error: { code, message } }` with Skein's stable codes.
 */
export async function registerSkeinApi(app: FastifyInstance, opts: { store: TraceStore }): Promise<void> {
  const { store } = opts;
  app.get('/api/skein/services', async () => ({ services: await store.getServices() }));
  app.get('/api/skein/traces', async (req) => {
    const query = parseSkeinSearch(req.query as RawParams);
    const traces = await store.findTraces(query);
    return { traces: traces.filter((t) => t.length > 0).map(summarizeTrace) };
  });
  app.get('/api/skein/traces/:traceId', async (req) => {
    const raw = (req.params as { traceId: string }).traceId;
    // X-Ray ids (`1-{8 hex}-{24 hex}`) are the same 128 bits written another way.
    const id = normalizeTraceId(xrayTraceIdToHex(raw) ?? raw);
    if (typeof id === 'string') throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', `trace id "${raw.slice(0, 64)}" is ${id}`);
    const spans = await store.getTrace(id.id);
    if (spans.length === 0) throw new SkeinError('SKEIN_ERR_TRACE_NOT_FOUND', id.id);
    const summary = summarizeTrace(spans);
    return { traceId: summary.traceId, summary, spans: spans.map(spanToJson) };
  });
}
