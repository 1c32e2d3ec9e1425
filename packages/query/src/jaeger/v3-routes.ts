import { SkeinError, type Span } from '@skein/model';
import { toOtlpJson } from '@skein/wire';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendV3Error } from './envelope.js';
import { findTracesMatchingAny } from '../shared/find-traces-matching-any.js';
import { parseJaegerTraceId } from './jaeger-ids.js';
import { parseGoBool, queryError } from './param-errors.js';
import { QueryValues } from './query-values.js';
import { parseRfc3339Nanos } from './rfc3339.js';
import { uniquifySharedSpanIds } from './span-id-uniquifier.js';
import { parseSpanKindParam } from './span-kind-param.js';
import { jaegerSpanKindName } from './span-tags.js';
import { parseV3Search } from './v3-params.js';
import type { JaegerRouteDeps } from './v1-routes.js';

/**
 * Jaeger's api_v3 over HTTP (the grpc-gateway binding of jaeger.api_v3.QueryService, as
 * cmd/query/app/apiv3/http_gateway.go serves it). Traces come back as OTLP/JSON wrapped in
 * `{"result": …}`; errors as `{"error":{"httpCode":…,"message":…}}`.
 */
export function registerJaegerV3Routes(app: FastifyInstance, { store }: JaegerRouteDeps): void {
  const route = <P>(path: string, handler: (q: QueryValues, params: P) => Promise<unknown>) =>
    app.get(path, async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        return reply.send(await handler(QueryValues.from(request.query), request.params as P));
      } catch (err) {
        return sendV3Error(reply, err);
      }
    });

  route('/api/v3/services', async () => ({ services: await store.getServices() }));

  route('/api/v3/operations', async (q) => {
    const service = q.first('service');
    if (service === undefined) throw queryError('malformed parameter service: required');
    const kindParam = q.firstOf('spanKind', 'span_kind');
    const spanKind = parseSpanKindParam(kindParam?.name ?? 'spanKind', kindParam?.value);
    const operations = await store.getOperations({ serviceName: service, ...(spanKind !== undefined ? { spanKind } : {}) });
    // api_v3 reports spans without a kind as "internal" (http_gateway.go getOperations).
    return { operations: operations.map((o) => ({ name: o.name, spanKind: jaegerSpanKindName(o.spanKind) || 'internal' })) };
  });

  route<{ trace_id: string }>('/api/v3/traces/:trace_id', async (q, params) => {
    const parsed = parseJaegerTraceId(params.trace_id);
    if (!parsed.ok) throw queryError(`malformed parameter trace_id: ${parsed.message}`);
    // startTime/endTime narrow the lookup in Jaeger; Skein needs no hint, but bad ones are still errors.
    for (const p of [q.firstOf('startTime', 'start_time'), q.firstOf('endTime', 'end_time')]) {
      if (p && parseRfc3339Nanos(p.value) === undefined) throw queryError(`malformed parameter ${p.name}: not an RFC 3339 timestamp: ${JSON.stringify(p.value)}`);
    }
    const raw = rawFlag(q.firstOf('rawTraces', 'raw_traces'));
    const spans = await store.getTrace(parsed.traceId);
    if (spans.length === 0) throw new SkeinError('SKEIN_ERR_TRACE_NOT_FOUND');
    return { result: toOtlpJson(raw ? spans : uniquifySharedSpanIds(spans)) };
  });

  route('/api/v3/traces', async (q) => {
    const search = parseV3Search(q);
    const traces = await findTracesMatchingAny(store, search.queries);
    // Jaeger answers an empty search with 404 "No traces found", not an empty result.
    if (traces.length === 0) throw new SkeinError('SKEIN_ERR_TRACE_NOT_FOUND', 'no traces match the query');
    const spans: Span[] = [];
    for (const trace of traces) spans.push(...(search.raw ? trace : uniquifySharedSpanIds(trace)));
    return { result: toOtlpJson(spans) };
  });
}

function rawFlag(p: { name: string; value: string } | undefined): boolean {
  if (!p) return false;
  const parsed = parseGoBool(p.value);
  if (parsed === undefined) throw queryError(`malformed parameter ${p.name}: strconv.ParseBool: parsing ${JSON.stringify(p.value)}: invalid syntax`);
  return parsed;
}
