import type { SpanJson, StatusCodeName } from './trace-json.js';

/**
 * `GET /api/skein/traces/{id}/outline`, mirrored from packages/query/src/skein/trace-outline-json.ts:
 * the trace's shape as columns, strings interned, times in ns relative to `startUnixNano`.
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

const STATUS: readonly StatusCodeName[] = ['unset', 'ok', 'error'];
const NONE: readonly never[] = [];
const NO_SCOPE = { name: '', version: '' };

/**
 * Spans the tree builder and the waterfall can use straight away, marked `outline: true` so the
 * details panel knows to fetch the rest. Throws on an answer that is not an outline (a column
 * of the wrong length), which the loader reports as a bad response.
 */
export function spansFromOutline(o: TraceOutlineJson): SpanJson[] {
  const n = o.spanCount;
  const columns = [o.spanId, o.parentSpanId, o.service, o.name, o.kind, o.startOffsetNanos, o.durationNanos, o.status, o.statusMessage];
  if (!Number.isInteger(n) || n < 0 || columns.some((c) => !Array.isArray(c) || c.length !== n) || !Array.isArray(o.strings) || !Array.isArray(o.shared)) {
    throw new Error('the trace outline is malformed');
  }
  const base = BigInt(o.startUnixNano);
  const shared = new Set(o.shared);
  const text = (i: number): string => o.strings[i] ?? '';
  const spans: SpanJson[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const start = base + BigInt(o.startOffsetNanos[i]!);
    const duration = o.durationNanos[i]!;
    spans[i] = {
      traceId: o.traceId,
      spanId: o.spanId[i]!,
      parentSpanId: o.parentSpanId[i]!,
      name: text(o.name[i]!),
      kind: text(o.kind[i]!),
      serviceName: text(o.service[i]!),
      startTimeUnixNano: start.toString(),
      endTimeUnixNano: (start + BigInt(duration)).toString(),
      durationNanos: String(duration),
      status: { code: STATUS[o.status[i]!] ?? 'unset', message: text(o.statusMessage[i]!) },
      attributes: NONE,
      resource: NONE,
      scope: NO_SCOPE,
      events: NONE,
      links: NONE,
      shared: shared.has(i),
      outline: true,
    };
  }
  return spans;
}
