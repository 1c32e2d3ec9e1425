import type { AttributeJson, SpanJson, StatusCodeName } from '../trace/model/trace-json.js';

/** The fields every converter fills; the rest default as Skein's API would send them. */
export interface SpanFields {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: string;
  readonly serviceName: string;
  readonly start: bigint;
  readonly end: bigint;
  readonly status?: { readonly code: StatusCodeName; readonly message: string };
  readonly attributes?: readonly AttributeJson[];
  readonly resource?: readonly AttributeJson[];
  readonly scope?: { readonly name: string; readonly version: string };
  readonly events?: SpanJson['events'];
  readonly links?: SpanJson['links'];
  readonly shared?: boolean;
}

/** A span in the UI's shape (Skein's API shape: nanosecond times as decimal strings). */
export function makeSpanJson(f: SpanFields): SpanJson {
  return {
    traceId: f.traceId,
    spanId: f.spanId,
    parentSpanId: f.parentSpanId,
    name: f.name,
    kind: f.kind,
    serviceName: f.serviceName,
    startTimeUnixNano: f.start.toString(),
    endTimeUnixNano: f.end.toString(),
    durationNanos: (f.end - f.start).toString(),
    status: f.status ?? { code: 'unset', message: '' },
    attributes: f.attributes ?? [],
    resource: f.resource ?? [],
    scope: f.scope ?? { name: '', version: '' },
    events: f.events ?? [],
    links: f.links ?? [],
    shared: f.shared ?? false,
  };
}

/** The `unknown_service` name Skein gives a span whose resource names no service. */
export const UNKNOWN_SERVICE = 'unknown_service';
