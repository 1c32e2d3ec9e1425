/**
 * The JSON shapes of Jaeger's query API (`model/json` in jaeger, what `/api/traces` returns and
 * Jaeger UI, Grafana and scripts parse). Field names, nesting and nullability follow what Jaeger's
 * Go structs marshal to: empty tag/log/reference lists are `[]`, absent warnings are `null`,
 * `flags` is left out when zero (`omitempty`).
 */

export type JaegerValueType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export type JaegerKeyValue =
  | { key: string; type: 'string'; value: string }
  | { key: string; type: 'bool'; value: boolean }
  /** int64 values beyond ±(2^53 − 1) travel as decimal strings, as Jaeger does for JS clients. */
  | { key: string; type: 'int64'; value: number | string }
  /** NaN and ±Infinity have no JSON number form; they travel as 'NaN', 'Infinity', '-Infinity'. */
  | { key: string; type: 'float64'; value: number | string }
  /** Base64, as Go marshals []byte. */
  | { key: string; type: 'binary'; value: string };

export type JaegerRefType = 'CHILD_OF' | 'FOLLOWS_FROM';

export interface JaegerReference {
  refType: JaegerRefType;
  traceID: string;
  spanID: string;
}

export interface JaegerLog {
  /** Unix microseconds. */
  timestamp: number;
  fields: JaegerKeyValue[];
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  flags?: number;
  operationName: string;
  references: JaegerReference[];
  /** Unix microseconds. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  tags: JaegerKeyValue[];
  logs: JaegerLog[];
  processID: string;
  warnings: string[] | null;
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerKeyValue[];
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

export interface JaegerDependencyLink {
  parent: string;
  child: string;
  callCount: number;
}

export interface JaegerOperation {
  name: string;
  spanKind: string;
}

/** One entry of the envelope's `errors`; `code` is left out for per-trace "not found" entries. */
export interface JaegerStructuredError {
  code?: number;
  msg: string;
  traceID?: string;
}

/** Every `/api/*` response body (Jaeger's `structuredResponse`). */
export interface JaegerEnvelope<T> {
  data: T;
  total: number;
  limit: number;
  offset: number;
  errors: JaegerStructuredError[] | null;
}
