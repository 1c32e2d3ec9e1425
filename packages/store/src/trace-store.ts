import type { Span, SpanKind, StatusCode } from '@skein/model';

/**
 * The store boundary. Query APIs and the ingest pipeline see only this interface; DuckDB
 * (embedded) and ClickHouse (later) implement it, and `runTraceStoreContract` checks both the
 * same way.
 *
 * Times are Unix nanoseconds (bigint). Trace ids are 32 lowercase hex chars.
 */
export interface TraceStore {
  /** Writes spans in one transaction; resolves only once they are durable (committed). */
  writeBatch(spans: readonly Span[]): Promise<void>;

  /** Every span of the trace, in start-time order; [] when unknown. */
  getTrace(traceId: string): Promise<Span[]>;

  /**
   * The trace's shape without its payload: ids, names, services, times, kind and status of
   * every span, in getTrace order; [] when unknown. The UI paints a 100k-span waterfall from
   * this: it is a small fraction of getTrace's bytes and time.
   */
  getTraceOutline(traceId: string): Promise<SpanOutline[]>;

  /** The spans of a trace with this span id (two for a Zipkin shared client/server pair), in getTrace order. */
  getSpansById(traceId: string, spanId: string): Promise<Span[]>;

  /** Several traces at once; unknown ids are left out. Order follows `traceIds`. */
  getTraces(traceIds: readonly string[]): Promise<Span[][]>;

  /** Trace ids matching `query`, sorted and limited as it asks (deterministic). */
  findTraceIds(query: TraceQuery): Promise<TraceRef[]>;

  /** Matching traces, whole (every span of each), in `findTraceIds` order. */
  findTraces(query: TraceQuery): Promise<Span[][]>;

  /** Distinct service names, sorted. */
  getServices(): Promise<string[]>;

  /** Distinct (span name, kind) pairs of a service, sorted by name then kind. */
  getOperations(query: OperationQuery): Promise<Operation[]>;

  /** Distinct `peer.service` values of a service's spans, sorted. */
  getRemoteServices(serviceName: string): Promise<string[]>;

  /** Service call graph over a time window, derived from parent/child spans across services. */
  getDependencies(query: DependencyQuery): Promise<DependencyLink[]>;

  /**
   * The service map over [start, end): per-service span counts and per-operation rate, errors
   * and latency, calls between services, and calls to uninstrumented peers (databases, other
   * services, external hosts) inferred from client span attributes. See ServiceGraph.
   */
  getServiceGraph(query: ServiceGraphQuery): Promise<ServiceGraph>;

  /** Attribute keys seen on spans (and resources), sorted; for autocompletion. */
  getAttributeKeys(): Promise<string[]>;

  /** Distinct values (as strings) of one attribute key, sorted, bounded by `limit`. */
  getAttributeValues(key: string, limit?: number): Promise<string[]>;

  /** Drops data older than `maxAgeNanos` and/or oldest data until under `maxBytes`. */
  applyRetention(policy: RetentionPolicy): Promise<RetentionResult>;

  /** Size and row counts, for /metrics and the bench. */
  getStats(): Promise<StoreStats>;

  /** Waits for in-flight writes, then releases files. Idempotent. */
  close(): Promise<void>;
}

/** One span of getTraceOutline: what a waterfall row needs, nothing more. */
export interface SpanOutline {
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly serviceName: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly statusCode: StatusCode;
  readonly statusMessage: string;
  /** A Zipkin shared server half (same span id as its client half). */
  readonly shared: boolean;
}

export type TraceSort = 'newest' | 'oldest' | 'duration' | 'shortest';

/**
 * Trace search. A trace matches when ONE of its spans satisfies every span-level condition
 * (service, remote service, name, kind, attributes, duration, status), as in Jaeger and Zipkin;
 * time bounds apply to that span's start.
 */
export interface TraceQuery {
  readonly serviceName?: string;
  readonly remoteServiceName?: string;
  readonly spanName?: string;
  readonly spanKind?: SpanKind;
  readonly attributes?: readonly AttributeCondition[];
  /** Only spans whose status code is this (e.g. ERROR for "error" searches). */
  readonly statusCode?: StatusCode;
  readonly minDurationNanos?: bigint;
  readonly maxDurationNanos?: bigint;
  /** Inclusive lower bound on the matching span's start. */
  readonly startTimeMinNanos?: bigint;
  /** Inclusive upper bound on the matching span's start. */
  readonly startTimeMaxNanos?: bigint;
  readonly limit: number;
  /** Default 'newest'. */
  readonly sort?: TraceSort;
}

/**
 * One attribute condition, checked against span attributes and, failing that, resource
 * attributes. Numeric comparisons compare typed ints/doubles numerically; `=` against a string
 * also matches an int/double/bool attribute whose text form is equal (so Jaeger's
 * `http.status_code:200` finds an int tag). 'event' matches an event (Zipkin annotation) name.
 */
export type AttributeCondition =
  | { readonly key: string; readonly op: '=' | '!='; readonly value: string }
  | { readonly key: string; readonly op: '<' | '<=' | '>' | '>='; readonly value: number }
  | { readonly key: string; readonly op: 'exists' | 'not-exists' }
  | { readonly key: string; readonly op: 'regex'; readonly value: string }
  | { readonly op: 'event'; readonly value: string };

export interface TraceRef {
  readonly traceId: string;
  /** Start of the earliest matching span. */
  readonly startTimeUnixNano: bigint;
  /** Longest matching span's duration (the sort key for 'duration'). */
  readonly durationNanos: bigint;
}

export interface OperationQuery {
  readonly serviceName: string;
  readonly spanKind?: SpanKind;
}

export interface Operation {
  readonly name: string;
  readonly spanKind: SpanKind;
}

export interface DependencyQuery {
  /** Window end (exclusive upper bound of span start), Unix nanos. */
  readonly endTimeNanos: bigint;
  readonly lookbackNanos: bigint;
}

export interface DependencyLink {
  readonly parent: string;
  readonly child: string;
  readonly callCount: number;
  /** Calls where either side's span had status ERROR. */
  readonly errorCount: number;
}

/** Spans count when their start is in [startTimeNanos, endTimeNanos). */
export interface ServiceGraphQuery {
  readonly startTimeNanos: bigint;
  readonly endTimeNanos: bigint;
}

/**
 * The service map (semantics in semantics/service-graph.ts, which the memory store implements
 * directly and the DuckDB store reproduces in SQL). Nodes are sorted by id, edges by source then
 * target, operations by name then kind. Percentiles interpolate linearly between the two closest
 * durations (DuckDB's `quantile_cont`), rounded to whole nanoseconds.
 */
export interface ServiceGraph {
  readonly nodes: readonly ServiceGraphNode[];
  readonly edges: readonly ServiceGraphEdge[];
}

export type ServiceGraphNodeKind = 'service' | 'database' | 'external';

export interface ServiceGraphNode {
  /** `service:{name}`, `database:{db.system}` or `database:{db.system}/{namespace}`, `external:{address}`. */
  readonly id: string;
  readonly kind: ServiceGraphNodeKind;
  readonly name: string;
  /** Spans this service recorded in the window (0 for inferred peers, which record none). */
  readonly spanCount: number;
  /** Of those, spans with status ERROR. */
  readonly errorCount: number;
  readonly operations: readonly ServiceGraphOperation[];
}

export interface ServiceGraphOperation {
  readonly name: string;
  readonly spanKind: SpanKind;
  readonly count: number;
  readonly errorCount: number;
  readonly p50Nanos: bigint;
  readonly p99Nanos: bigint;
}

export interface ServiceGraphEdge {
  /** Node ids; the source is always a service. */
  readonly source: string;
  readonly target: string;
  readonly callCount: number;
  /** Calls whose callee span (or, for inferred peers, the calling client span) has status ERROR. */
  readonly errorCount: number;
  readonly p50Nanos: bigint;
  readonly p99Nanos: bigint;
}

export interface RetentionPolicy {
  /** Keep data whose day is within this age of `nowNanos`. */
  readonly maxAgeNanos?: bigint;
  /** Drop whole oldest partitions until the store is at most this size. */
  readonly maxBytes?: number;
  /** Defaults to the current time; tests pass their own clock. */
  readonly nowNanos?: bigint;
}

export interface RetentionResult {
  readonly droppedPartitions: readonly string[];
  readonly droppedSpans: number;
}

export interface StoreStats {
  readonly spanCount: number;
  /** Bytes the store occupies on disk (0 for in-memory stores). */
  readonly bytesOnDisk: number;
  readonly partitions: readonly string[];
}
