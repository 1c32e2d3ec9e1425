/**
 * The trace as Skein's own API sends it (`GET /api/skein/traces/{id}`), mirrored from
 * packages/query/src/skein/span-json.ts: the UI does not import the server's packages.
 * Nanosecond times are decimal strings because they exceed 2^53.
 */
export interface AttributeJson {
  readonly key: string;
  readonly type: string;
  readonly value: unknown;
}

export type StatusCodeName = 'unset' | 'ok' | 'error';

export interface SpanJson {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: string;
  readonly serviceName: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly durationNanos: string;
  readonly status: { readonly code: StatusCodeName; readonly message: string };
  readonly attributes: readonly AttributeJson[];
  readonly resource: readonly AttributeJson[];
  readonly scope: { readonly name: string; readonly version: string };
  readonly events: ReadonlyArray<{ readonly name: string; readonly timeUnixNano: string; readonly attributes: readonly AttributeJson[] }>;
  readonly links: ReadonlyArray<{ readonly traceId: string; readonly spanId: string; readonly attributes: readonly AttributeJson[] }>;
  readonly shared: boolean;
  /**
   * Set on spans built from the trace outline (`/outline`): only ids, names, services, kind,
   * times and status are known; attributes, resource, scope, events and links are empty until
   * the span's payload is fetched.
   */
  readonly outline?: true;
}

export interface TraceJson {
  readonly traceId: string;
  readonly spans: readonly SpanJson[];
}
