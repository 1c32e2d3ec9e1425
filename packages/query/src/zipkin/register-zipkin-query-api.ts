import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SkeinError, nowNanos, type Span } from '@skein/model';
import type { DependencyLink, TraceStore } from '@skein/store';
import { toZipkinV2Span, type ZipkinV2Span } from '@skein/wire';
import { findZipkinTraces } from './find-zipkin-traces.js';
import { badParam, optionalLong, parseZipkinTraceId, requiredLong, requiredParam, zipkinTraceIdText, type RawQuery } from './zipkin-params.js';
import { zipkinRoute } from './zipkin-reply.js';
import { DEFAULT_LOOKBACK_MILLIS, parseZipkinTraceSearch } from './zipkin-trace-search.js';

export interface ZipkinQueryApiOptions {
  readonly store: TraceStore;
  /** The clock for endTs defaults (Unix nanoseconds); tests pass their own. */
  readonly now?: () => bigint;
  /** Zipkin's QUERY_LOOKBACK, in milliseconds (default one day). */
  readonly defaultLookbackMillis?: bigint;
  /**
   * Zipkin's AUTOCOMPLETE_KEYS: when set, /autocompleteKeys lists exactly these and
   * /autocompleteValues answers only for them, as Zipkin does. When unset, every stored
   * attribute key is offered.
   */
  readonly autocompleteKeys?: readonly string[];
}

/** Zipkin v2's DependencyLink JSON: errorCount is left out when zero, as Zipkin's encoder does. */
export type ZipkinDependencyLink = { parent: string; child: string; callCount: number; errorCount?: number };

/** Zipkin reads at most 1000 ids in traceMany (`split(",", 1000)`). */
const MAX_TRACE_IDS = 1000;

/**
 * Zipkin's query API (`GET /api/v2/*`), so Zipkin Lens, Grafana's Zipkin data source and
 * scripts work unchanged: services, spans, remoteServices, traces, trace/{id}, traceMany,
 * dependencies, autocompleteKeys, autocompleteValues. Response shapes and status codes follow
 * zipkin-server's ZipkinQueryApiV2; errors are plain text (see zipkin-reply.ts). Spans are
 * written by `toZipkinV2Span`, so Zipkin spans come back as sent, and both halves of a shared
 * client/server span are returned, the server half with `shared: true`, as Zipkin does.
 */
export async function registerZipkinQueryApi(app: FastifyInstance, opts: ZipkinQueryApiOptions): Promise<void> {
  const { store } = opts;
  const now = opts.now ?? nowNanos;
  const nowMillis = () => now() / 1_000_000n;
  const defaultLookback = opts.defaultLookbackMillis ?? DEFAULT_LOOKBACK_MILLIS;
  const configuredKeys = opts.autocompleteKeys ? [...new Set(opts.autocompleteKeys)].sort() : undefined;
  const query = (req: FastifyRequest) => req.query as RawQuery;

  app.get(
    '/api/v2/services',
    zipkinRoute(async () => store.getServices()),
  );

  app.get(
    '/api/v2/spans',
    zipkinRoute(async (req) => {
      const serviceName = requiredParam(query(req), 'serviceName');
      if (serviceName === '') return [];
      const operations = await store.getOperations({ serviceName });
      return [...new Set(operations.map((o) => o.name))].sort();
    }),
  );

  app.get(
    '/api/v2/remoteServices',
    zipkinRoute(async (req) => {
      const serviceName = requiredParam(query(req), 'serviceName');
      return serviceName === '' ? [] : store.getRemoteServices(serviceName);
    }),
  );

  app.get(
    '/api/v2/traces',
    zipkinRoute(async (req) => {
      const search = parseZipkinTraceSearch(query(req), nowMillis(), defaultLookback);
      return (await findZipkinTraces(store, search)).map(toZipkinTrace);
    }),
  );

  app.get(
    '/api/v2/trace/:traceId',
    zipkinRoute(async (req) => {
      const id = parseZipkinTraceId((req.params as { traceId: string }).traceId);
      const spans = await store.getTrace(id);
      if (spans.length === 0) throw new SkeinError('SKEIN_ERR_TRACE_NOT_FOUND', zipkinTraceIdText(id));
      return toZipkinTrace(spans);
    }),
  );

  app.get(
    '/api/v2/traceMany',
    zipkinRoute(async (req) => {
      const list = requiredParam(query(req), 'traceIds');
      if (list.trim() === '') throw badParam('traceIds parameter is empty');
      const parts = list.split(',');
      if (parts.length > MAX_TRACE_IDS) throw badParam(`traceIds: at most ${MAX_TRACE_IDS} ids, got ${parts.length}`);
      const ids = new Set<string>();
      for (const raw of parts) {
        const id = parseZipkinTraceId(raw);
        if (ids.has(id)) throw badParam(`redundant traceId: ${raw.trim()}`);
        ids.add(id);
      }
      if (ids.size === 1) throw badParam('Use /api/v2/trace/{traceId} endpoint to retrieve a single trace');
      return (await store.getTraces([...ids])).map(toZipkinTrace);
    }),
  );

  app.get(
    '/api/v2/dependencies',
    zipkinRoute(async (req) => {
      const q = query(req);
      const endTs = requiredLong(q, 'endTs');
      const lookback = optionalLong(q, 'lookback') ?? defaultLookback;
      if (endTs <= 0n) throw badParam('endTs <= 0');
      if (lookback <= 0n) throw badParam('lookback <= 0');
      const links = await store.getDependencies({ endTimeNanos: endTs * 1_000_000n, lookbackNanos: lookback * 1_000_000n });
      return links.map(toZipkinDependencyLink);
    }),
  );

  app.get(
    '/api/v2/autocompleteKeys',
    zipkinRoute(async () => configuredKeys ?? store.getAttributeKeys()),
  );

  app.get(
    '/api/v2/autocompleteValues',
    zipkinRoute(async (req) => {
      const key = requiredParam(query(req), 'key');
      if (key === '' || (configuredKeys && !configuredKeys.includes(key))) return [];
      return store.getAttributeValues(key);
    }),
  );
}

const toZipkinTrace = (spans: readonly Span[]): ZipkinV2Span[] => spans.map(toZipkinV2Span);

function toZipkinDependencyLink(l: DependencyLink): ZipkinDependencyLink {
  const link: ZipkinDependencyLink = { parent: l.parent, child: l.child, callCount: l.callCount };
  if (l.errorCount > 0) link.errorCount = l.errorCount;
  return link;
}
