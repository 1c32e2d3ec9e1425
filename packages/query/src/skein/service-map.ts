import { SPAN_KIND_NAMES, nowNanos } from '@skein/model';
import type { ServiceGraph, ServiceGraphNodeKind, ServiceGraphQuery } from '@skein/store';
import { badParam, durationParam, timeParam, type RawParams } from './query-params.js';

/** The window when none is asked for: the last hour, like Jaeger's System Architecture default. */
export const DEFAULT_SERVICE_MAP_LOOKBACK = 3_600_000_000_000n;

/**
 * `GET /api/skein/service-map` window parameters: `start`/`end` (ISO 8601 or Unix ns, as for
 * /api/skein/traces) and `lookback` ("1h"). `end` defaults to now; `start` to end − lookback
 * (lookback defaults to 1 h). Spans count when their start is in [start, end).
 */
export function parseServiceMapWindow(params: RawParams, now: bigint = nowNanos()): ServiceGraphQuery {
  const end = timeParam(params, 'end') ?? now;
  const start = timeParam(params, 'start') ?? end - (durationParam(params, 'lookback') ?? DEFAULT_SERVICE_MAP_LOOKBACK);
  if (start >= end) badParam('start', `the window start (${start}) must be before its end (${end})`);
  return { startTimeNanos: start, endTimeNanos: end };
}

export interface ServiceMapOperationJson {
  readonly name: string;
  readonly kind: string;
  readonly count: number;
  readonly errorCount: number;
  readonly p50Nanos: string;
  readonly p99Nanos: string;
}

export interface ServiceMapNodeJson {
  readonly id: string;
  readonly kind: ServiceGraphNodeKind;
  readonly name: string;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly operations: readonly ServiceMapOperationJson[];
}

export interface ServiceMapEdgeJson {
  readonly source: string;
  readonly target: string;
  readonly callCount: number;
  readonly errorCount: number;
  readonly p50Nanos: string;
  readonly p99Nanos: string;
}

/** The response body: nanoseconds as decimal strings (JSON numbers lose precision past 2^53). */
export interface ServiceMapJson {
  readonly start: string;
  readonly end: string;
  readonly nodes: readonly ServiceMapNodeJson[];
  readonly edges: readonly ServiceMapEdgeJson[];
}

export function serviceMapToJson(window: ServiceGraphQuery, graph: ServiceGraph): ServiceMapJson {
  return {
    start: window.startTimeNanos.toString(),
    end: window.endTimeNanos.toString(),
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      spanCount: n.spanCount,
      errorCount: n.errorCount,
      operations: n.operations.map((o) => ({
        name: o.name,
        kind: SPAN_KIND_NAMES[o.spanKind],
        count: o.count,
        errorCount: o.errorCount,
        p50Nanos: o.p50Nanos.toString(),
        p99Nanos: o.p99Nanos.toString(),
      })),
    })),
    edges: graph.edges.map((e) => ({
      source: e.source,
      target: e.target,
      callCount: e.callCount,
      errorCount: e.errorCount,
      p50Nanos: e.p50Nanos.toString(),
      p99Nanos: e.p99Nanos.toString(),
    })),
  };
}
