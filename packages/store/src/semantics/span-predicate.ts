import { spanServiceName, type Span } from '@skein/model';
import { remoteServicesOf } from './remote-service.js';
import type { TraceQuery } from '../trace-store.js';
import { attributeConditionHolds, compileAnchoredRegex } from './attribute-condition.js';

/**
 * Builds the span-level predicate of a search: a trace matches when ONE of its spans satisfies
 * all of it (Jaeger and Zipkin semantics). Regexes are compiled once per query.
 */
export function spanPredicate(query: TraceQuery): (span: Span) => boolean {
  const conditions = (query.attributes ?? []).map((c) => ({
    condition: c,
    regex: c.op === 'regex' ? compileAnchoredRegex(c.value) : undefined,
  }));
  return (span) => {
    if (query.serviceName !== undefined && spanServiceName(span) !== query.serviceName) return false;
    if (query.remoteServiceName !== undefined && !remoteServicesOf(span).includes(query.remoteServiceName)) return false;
    if (query.spanName !== undefined && span.name !== query.spanName) return false;
    if (query.spanKind !== undefined && span.kind !== query.spanKind) return false;
    if (query.statusCode !== undefined && span.status.code !== query.statusCode) return false;
    const duration = span.endTimeUnixNano - span.startTimeUnixNano;
    if (query.minDurationNanos !== undefined && duration < query.minDurationNanos) return false;
    if (query.maxDurationNanos !== undefined && duration > query.maxDurationNanos) return false;
    if (query.startTimeMinNanos !== undefined && span.startTimeUnixNano < query.startTimeMinNanos) return false;
    if (query.startTimeMaxNanos !== undefined && span.startTimeUnixNano > query.startTimeMaxNanos) return false;
    return conditions.every(({ condition, regex }) => attributeConditionHolds(span, condition, regex));
  };
}
