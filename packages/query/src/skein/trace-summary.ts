import { type Span, StatusCode, displayTraceId, serviceNameOf } from '@skein/model';

export interface TraceSummary {
  readonly traceId: string;
  readonly rootServiceName: string;
  readonly rootName: string;
  readonly startTimeUnixNano: string;
  readonly durationNanos: string;
  readonly spanCount: number;
  readonly errorCount: number;
  /** Spans per service, most spans first (ties by name). */
  readonly services: ReadonlyArray<{ readonly name: string; readonly spanCount: number }>;
}

/**
 * One row of a search result. The root is the earliest span without a parent in the trace;
 * when the true root has not arrived yet, the earliest span whose parent is missing stands in.
 */
export function summarizeTrace(spans: readonly Span[]): TraceSummary {
  if (spans.length === 0) throw new Error('cannot summarize an empty trace');
  const ids = new Set(spans.map((s) => s.spanId));
  let root: Span | undefined;
  let start = spans[0]!.startTimeUnixNano;
  let end = spans[0]!.endTimeUnixNano;
  let errors = 0;
  const perService = new Map<string, number>();
  for (const s of spans) {
    if (s.startTimeUnixNano < start) start = s.startTimeUnixNano;
    if (s.endTimeUnixNano > end) end = s.endTimeUnixNano;
    if (s.status.code === StatusCode.ERROR) errors++;
    const svc = serviceNameOf(s.resource);
    perService.set(svc, (perService.get(svc) ?? 0) + 1);
    const isRoot = s.parentSpanId === '' || !ids.has(s.parentSpanId);
    if (isRoot && (!root || s.startTimeUnixNano < root.startTimeUnixNano || (root.parentSpanId !== '' && s.parentSpanId === ''))) root = s;
  }
  root ??= spans[0]!;
  return {
    traceId: displayTraceId(root.traceId, root.traceIdHigh64Absent),
    rootServiceName: serviceNameOf(root.resource),
    rootName: root.name,
    startTimeUnixNano: start.toString(),
    durationNanos: (end - start).toString(),
    spanCount: spans.length,
    errorCount: errors,
    services: [...perService].map(([name, spanCount]) => ({ name, spanCount })).sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name)),
  };
}
