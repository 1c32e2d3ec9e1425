import { SPAN_KIND_NAMES } from '@skein/model';
import type { SpanOutline } from '@skein/store';

/**
 * `GET /api/skein/traces/{id}/outline`: the trace's shape, column by column. A 100k-span trace
 * as SkeinSpanJson objects is ~150 MB (every span repeats its resource and key names); this is
 * ~5 MB, and the UI paints its waterfall from it, fetching a span's payload when it is opened.
 *
 * - `strings` interns every service, name, kind and status message; the per-span columns
 *   `service`, `name`, `kind` and `statusMessage` are indexes into it.
 * - Times are nanoseconds relative to `startUnixNano` (decimal string: it exceeds 2^53), as
 *   JSON numbers: exact for traces up to 104 days long.
 * - `status`: 0 unset, 1 ok, 2 error (the OTLP codes). `shared`: indexes of Zipkin shared
 *   server halves (rare, so a sparse list).
 * Columns are in getTrace order, so span i of the outline is span i of the full trace.
 */
export interface TraceOutlineJson {
  readonly traceId: string;
  readonly spanCount: number;
  readonly startUnixNano: string;
  readonly strings: readonly string[];
  readonly spanId: readonly string[];
  readonly parentSpanId: readonly string[];
  readonly service: readonly number[];
  readonly name: readonly number[];
  readonly kind: readonly number[];
  readonly startOffsetNanos: readonly number[];
  readonly durationNanos: readonly number[];
  readonly status: readonly number[];
  readonly statusMessage: readonly number[];
  readonly shared: readonly number[];
}

export function traceOutlineToJson(traceId: string, spans: readonly SpanOutline[]): TraceOutlineJson {
  const n = spans.length;
  let base = n > 0 ? spans[0]!.startTimeUnixNano : 0n;
  for (const s of spans) if (s.startTimeUnixNano < base) base = s.startTimeUnixNano;
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (text: string): number => {
    let i = indexOf.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      indexOf.set(text, i);
    }
    return i;
  };
  const spanId: string[] = new Array(n);
  const parentSpanId: string[] = new Array(n);
  const service: number[] = new Array(n);
  const name: number[] = new Array(n);
  const kind: number[] = new Array(n);
  const startOffsetNanos: number[] = new Array(n);
  const durationNanos: number[] = new Array(n);
  const status: number[] = new Array(n);
  const statusMessage: number[] = new Array(n);
  const shared: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    spanId[i] = s.spanId;
    parentSpanId[i] = s.parentSpanId;
    service[i] = intern(s.serviceName);
    name[i] = intern(s.name);
    kind[i] = intern(SPAN_KIND_NAMES[s.kind]);
    startOffsetNanos[i] = Number(s.startTimeUnixNano - base);
    durationNanos[i] = Number(s.endTimeUnixNano - s.startTimeUnixNano);
    status[i] = s.statusCode;
    statusMessage[i] = intern(s.statusMessage);
    if (s.shared) shared.push(i);
  }
  return { traceId, spanCount: n, startUnixNano: base.toString(), strings, spanId, parentSpanId, service, name, kind, startOffsetNanos, durationNanos, status, statusMessage, shared };
}
