import { type AnyValue, type Attribute, type Span, SPAN_KIND_NAMES, anyValueToJson, displayTraceId, serviceNameOf, type JsonValue } from '@skein/model';

/** An attribute as Skein's API shows it: the type stays visible (an int is not a string). */
export interface SkeinAttributeJson {
  readonly key: string;
  readonly type: AnyValue['type'];
  readonly value: JsonValue;
}

/**
 * A span in Skein's own API: the model as JSON. Nanosecond times are decimal strings (they do
 * not fit a JSON number), ids are hex.
 */
export interface SkeinSpanJson {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: string;
  readonly serviceName: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly durationNanos: string;
  readonly status: { readonly code: 'unset' | 'ok' | 'error'; readonly message: string };
  readonly attributes: readonly SkeinAttributeJson[];
  readonly resource: readonly SkeinAttributeJson[];
  readonly scope: { readonly name: string; readonly version: string };
  readonly events: ReadonlyArray<{ readonly name: string; readonly timeUnixNano: string; readonly attributes: readonly SkeinAttributeJson[] }>;
  readonly links: ReadonlyArray<{ readonly traceId: string; readonly spanId: string; readonly attributes: readonly SkeinAttributeJson[] }>;
  readonly shared: boolean;
}

const STATUS = ['unset', 'ok', 'error'] as const;

export const attributesToJson = (attrs: readonly Attribute[]): SkeinAttributeJson[] => attrs.map((a) => ({ key: a.key, type: a.value.type, value: anyValueToJson(a.value) }));

export function spanToJson(s: Span): SkeinSpanJson {
  return {
    traceId: displayTraceId(s.traceId, s.traceIdHigh64Absent),
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    kind: SPAN_KIND_NAMES[s.kind],
    serviceName: serviceNameOf(s.resource),
    startTimeUnixNano: s.startTimeUnixNano.toString(),
    endTimeUnixNano: s.endTimeUnixNano.toString(),
    durationNanos: (s.endTimeUnixNano - s.startTimeUnixNano).toString(),
    status: { code: STATUS[s.status.code], message: s.status.message },
    attributes: attributesToJson(s.attributes),
    resource: attributesToJson(s.resource.attributes),
    scope: { name: s.scope.name, version: s.scope.version },
    events: s.events.map((e) => ({ name: e.name, timeUnixNano: e.timeUnixNano.toString(), attributes: attributesToJson(e.attributes) })),
    links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: attributesToJson(l.attributes) })),
    shared: s.shared,
  };
}
