import { nanosToMicros, type Span } from '@skein/model';
import { jaegerTraceId } from './jaeger-ids.js';
import type { JaegerSpan, JaegerTrace } from './jaeger-json.js';
import { JaegerProcessTable } from './process-table.js';
import { uniquifySharedSpanIds } from './span-id-uniquifier.js';
import { jaegerLogs } from './span-logs.js';
import { jaegerReferences } from './span-references.js';
import { jaegerSpanTags } from './span-tags.js';

export interface JaegerTraceOptions {
  /**
   * Apply Jaeger's query-time adjustment (unique ids for Zipkin shared spans). Default true;
   * Jaeger's `raw=true` turns it off.
   */
  readonly adjust?: boolean;
}

/** The spans of one trace (store order) as a Jaeger UI trace. `spans` must not be empty. */
export function toJaegerTrace(spans: readonly Span[], options: JaegerTraceOptions = {}): JaegerTrace {
  const adjusted = options.adjust === false ? spans : uniquifySharedSpanIds(spans);
  const processes = new JaegerProcessTable();
  const jaegerSpans = adjusted.map((span) => toJaegerSpan(span, processes.idFor(span.resource)));
  return {
    traceID: jaegerSpans[0]?.traceID ?? '',
    spans: jaegerSpans,
    processes: processes.processes(),
    warnings: null,
  };
}

function toJaegerSpan(span: Span, processID: string): JaegerSpan {
  // W3C trace flags live in the low 8 bits of OTLP span flags, and sampled=1 matches Jaeger's.
  const flags = span.flags & 0xff;
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  return {
    traceID: jaegerTraceId(span.traceId),
    spanID: span.spanId,
    ...(flags !== 0 ? { flags } : {}),
    operationName: span.name,
    references: jaegerReferences(span),
    startTime: nanosToMicros(span.startTimeUnixNano),
    duration: duration > 0n ? nanosToMicros(duration) : 0,
    tags: jaegerSpanTags(span),
    logs: jaegerLogs(span.events),
    processID,
    warnings: null,
  };
}
