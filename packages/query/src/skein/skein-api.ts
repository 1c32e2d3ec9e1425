import type { FastifyInstance } from 'fastify';
import { SPAN_KIND_NAMES, SkeinError, isIdProblem, normalizeSpanId, normalizeTraceId } from '@skein/model';
import { xrayTraceIdToHex } from '@skein/wire';
import type { TraceStore } from '@skein/store';
import { findTracesMatchingAny } from '../shared/find-traces-matching-any.js';
import { parseSkeinSearchQueries, type RawParams } from './search-params.js';
import { parseServiceMapWindow, serviceMapToJson } from './service-map.js';
import { spanToJson } from './span-json.js';
import { summarizeTrace } from './trace-summary.js';
import { traceOutlineToJson } from './trace-outline-json.js';
import { MAX_VALUE_SUGGESTIONS, DEFAULT_VALUE_SUGGESTIONS, suggestAttributeKeys, suggestAttributeValues } from './attribute-suggestions.js';

/**
 * Skein's own API (used by the CLI and, later, the UI):
 *   GET /api/skein/traces?…      → { traces: TraceSummary[] } (see parseSkeinSearch, parseSkeinSearchQueries)
 *   GET /api/skein/traces/:id    → { traceId, summary, spans: SkeinSpanJson[] }
 *   GET /api/skein/traces/:id/outline → TraceOutlineJson (the waterfall's columns, see trace-outline-json.ts)
 *   GET /api/skein/traces/:id/spans/:spanId → { spans: SkeinSpanJson[] } (two for a Zipkin shared span)
 *   GET /api/skein/services      → { services: string[] }
 *   GET /api/skein/services/:service/operations → { operations: [{ name, kind }] } (sorted by name, then kind)
 *   GET /api/skein/attributes/keys?service=            → { keys: string[] } (sorted)
 *   GET /api/skein/attributes/values?key=&service=&limit= → { values: string[] } (sorted, as text)
 *   GET /api/skein/service-map?start=&end=&lookback= → ServiceMapJson (see service-map.ts)
 * Errors: `{ error: { code, message } }` with Skein's stable codes.
 */
export async function registerSkeinApi(app: FastifyInstance, opts: { store: TraceStore }): Promise<void> {
  const { store } = opts;
  app.get('/api/skein/services', async () => ({ services: await store.getServices() }));
  app.get('/api/skein/services/:service/operations', async (req) => {
    const { service } = req.params as { service: string };
    const operations = await store.getOperations({ serviceName: service });
    return { operations: operations.map((o) => ({ name: o.name, kind: SPAN_KIND_NAMES[o.spanKind] })) };
  });
  app.get('/api/skein/attributes/keys', async (req) => {
    const { service } = req.query as RawParams;
    return { keys: await suggestAttributeKeys(store, single(service)) };
  });
  app.get('/api/skein/attributes/values', async (req) => {
    const q = req.query as RawParams;
    const key = single(q.key);
    if (!key) throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', 'key: required (the attribute whose values to list)');
    const limitText = single(q.limit);
    const limit = limitText === undefined ? DEFAULT_VALUE_SUGGESTIONS : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_VALUE_SUGGESTIONS) {
      throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', `limit: "${limitText}" is not an integer from 1 to ${MAX_VALUE_SUGGESTIONS}`);
    }
    return { values: await suggestAttributeValues(store, key, single(q.service), limit) };
  });
  app.get('/api/skein/service-map', async (req) => {
    const window = parseServiceMapWindow(req.query as RawParams);
    return serviceMapToJson(window, await store.getServiceGraph(window));
  });
  app.get('/api/skein/traces', async (req) => {
    // Several queries only when `anyOf` groups are given: their union, merged in the store's order.
    const traces = await findTracesMatchingAny(store, parseSkeinSearchQueries(req.query as RawParams));
    return { traces: traces.filter((t) => t.length > 0).map(summarizeTrace) };
  });
  app.get('/api/skein/traces/:traceId', async (req) => {
    const id = traceIdParam(req.params);
    const spans = await store.getTrace(id);
    if (spans.length === 0) throw new SkeinError('SKEIN_ERR_TRACE_NOT_FOUND', id);
    const summary = summarizeTrace(spans);
    return { traceId: summary.traceId, summary, spans: spans.map(spanToJson) };
  });
  app.get('/api/skein/traces/:traceId/outline', async (req) => {
    const id = traceIdParam(req.params);
    const outline = await store.getTraceOutline(id);
    if (outline.length === 0) throw new SkeinError('SKEIN_ERR_TRACE_NOT_FOUND', id);
    return traceOutlineToJson(id, outline);
  });
  app.get('/api/skein/traces/:traceId/spans/:spanId', async (req) => {
    const id = traceIdParam(req.params);
    const raw = (req.params as { spanId: string }).spanId;
    const spanId = normalizeSpanId(raw);
    if (isIdProblem(spanId)) throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', `span id "${raw.slice(0, 64)}" is ${spanId}`);
    const spans = await store.getSpansById(id, spanId);
    if (spans.length === 0) throw new SkeinError('SKEIN_ERR_SPAN_NOT_FOUND', `${spanId} in trace ${id}`);
    return { spans: spans.map(spanToJson) };
  });
}

/** The `:traceId` of a route as 32 hex chars; X-Ray ids (`1-{8 hex}-{24 hex}`) are the same 128 bits written another way. */
function traceIdParam(params: unknown): string {
  const raw = (params as { traceId: string }).traceId;
  const id = normalizeTraceId(xrayTraceIdToHex(raw) ?? raw);
  if (typeof id === 'string') throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', `trace id "${raw.slice(0, 64)}" is ${id}`);
  return id.id;
}

/** A query parameter given once (the last one wins when repeated); '' counts as absent. */
function single(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s === undefined || s === '' ? undefined : s;
}
