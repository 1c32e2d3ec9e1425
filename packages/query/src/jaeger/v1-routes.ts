import { SkeinError, type Span } from '@skein/model';
import type { TraceStore } from '@skein/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jaegerDependencyLinks } from './dependency-links.js';
import { parseDependencyQuery } from './dependency-params.js';
import { jaegerData, sendJaegerError } from './envelope.js';
import { findTracesMatchingAny } from '../shared/find-traces-matching-any.js';
import { jaegerTraceId, parseJaegerTraceId } from './jaeger-ids.js';
import type { JaegerOperation, JaegerStructuredError } from './jaeger-json.js';
import { parseGoBool, parseGoInt64, queryError } from './param-errors.js';
import { QueryValues } from './query-values.js';
import { parseJaegerSearch } from './search-params.js';
import { parseSpanKindParam } from './span-kind-param.js';
import { jaegerSpanKindName } from './span-tags.js';
import { toJaegerTrace } from './trace-to-jaeger.js';

export interface JaegerRouteDeps {
  readonly store: TraceStore;
  readonly now: () => bigint;
}

type Handler<P> = (q: QueryValues, params: P) => Promise<unknown>;

/**
 * Jaeger's `/api/*` query endpoints (cmd/query/app/http_handler.go). Every body is Jaeger's
 * envelope `{data, total, limit, offset, errors}`; `?prettyPrint=true` indents it as Jaeger does.
 */
export function registerJaegerV1Routes(app: FastifyInstance, { store, now }: JaegerRouteDeps): void {
  const route = <P>(path: string, handler: Handler<P>) =>
    app.get(path, async (request: FastifyRequest, reply: FastifyReply) => {
      const q = QueryValues.from(request.query);
      try {
        const body = await handler(q, request.params as P);
        return sendJson(reply, q, body);
      } catch (err) {
        return sendJaegerError(reply, err);
      }
    });

  route('/api/services', async () => {
    const services = await store.getServices();
    return jaegerData(services, services.length);
  });

  // The legacy endpoint Jaeger UI's search form uses: operation names of every kind.
  route<{ service: string }>('/api/services/:service/operations', async (_q, { service }) => {
    const names = [...new Set((await store.getOperations({ serviceName: service })).map((o) => o.name))].sort();
    return jaegerData(names, names.length);
  });

  route('/api/operations', async (q) => {
    const service = q.first('service');
    if (service === undefined) throw queryError("parameter 'service' is required");
    const spanKind = parseSpanKindParam('spanKind', q.first('spanKind'));
    const operations = await store.getOperations({ serviceName: service, ...(spanKind !== undefined ? { spanKind } : {}) });
    const data: JaegerOperation[] = operations.map((o) => ({ name: o.name, spanKind: jaegerSpanKindName(o.spanKind) }));
    return jaegerData(data, data.length);
  });

  route('/api/traces', async (q) => {
    const search = parseJaegerSearch(q, now());
    if (search.kind === 'search') {
      const traces = await findTracesMatchingAny(store, search.queries);
      return jaegerData(traces.map((spans) => toJaegerTrace(spans)));
    }
    const found = await store.getTraces(search.traceIds);
    const foundIds = new Set(found.map((spans) => spans[0]!.traceId));
    const missing: JaegerStructuredError[] = search.traceIds
      .filter((id) => !foundIds.has(id))
      .map((id) => ({ msg: 'trace not found', traceID: jaegerTraceId(id) }));
    return jaegerData(found.map((spans) => toJaegerTrace(spans)), 0, missing.length > 0 ? missing : null);
  });

  route<{ traceID: string }>('/api/traces/:traceID', async (q, { traceID }) => {
    const parsed = parseJaegerTraceId(traceID);
    if (!parsed.ok) throw queryError(parsed.message);
    // start/end (µs) are lookup hints in Jaeger; Skein's trace-id lookup needs none, but bad ones are still errors.
    for (const name of ['start', 'end']) {
      const text = q.first(name);
      if (text !== undefined) parseGoInt64(name, text);
    }
    const spans: Span[] = await store.getTrace(parsed.traceId);
    if (spans.length === 0) throw new SkeinError('SKEIN_ERR_TRACE_NOT_FOUND');
    const raw = parseGoBool(q.first('raw') ?? '') === true;
    return jaegerData([toJaegerTrace(spans, { adjust: !raw })]);
  });

  route('/api/dependencies', async (q) => {
    const links = await store.getDependencies(parseDependencyQuery(q, now()));
    return jaegerData(jaegerDependencyLinks(links, q.first('service')));
  });
}

function sendJson(reply: FastifyReply, q: QueryValues, body: unknown): FastifyReply {
  if (parseGoBool(q.first('prettyPrint') ?? '') === true) {
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body, null, '    '));
  }
  return reply.send(body);
}
