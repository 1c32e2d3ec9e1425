import { SpanKind, StatusCode, anyValueToJson, bool, findStringAttribute, str, type Attribute, type Resource, type Span } from '@skein/model';
import { JAEGER_TAGS } from './jaeger-special-tags.js';
import { JaegerRefType, type JaegerLog, type JaegerProcessParts, type JaegerReference, type JaegerSpanParts } from './jaeger-span-parts.js';

const KIND_TAG_VALUES: Partial<Record<SpanKind, string>> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

/**
 * A model span as Jaeger span fields: the inverse of jaeger-span-to-model.ts, for the
 * encoders. The fields without a Jaeger slot become tags in the order the OpenTelemetry
 * Collector's exporter (and Skein's Jaeger query API) writes them: scope, attributes, kind,
 * status code, `error`, status message, trace state. `references` holds the links only; the
 * parent travels in `parentSpanId` (each encoder places it as its format wants).
 */
export function spanToJaegerParts(span: Span): JaegerSpanParts {
  const tags: Attribute[] = [];
  if (span.scope.name) {
    tags.push({ key: JAEGER_TAGS.scopeName, value: str(span.scope.name) });
    if (span.scope.version) tags.push({ key: JAEGER_TAGS.scopeVersion, value: str(span.scope.version) });
  }
  for (const a of span.attributes) tags.push(jaegerExpressible(a));
  const kind = KIND_TAG_VALUES[span.kind];
  if (kind) tags.push({ key: JAEGER_TAGS.spanKind, value: str(kind) });
  if (span.status.code === StatusCode.ERROR) {
    tags.push({ key: JAEGER_TAGS.statusCode, value: str('ERROR') });
    tags.push({ key: JAEGER_TAGS.error, value: bool(true) });
  } else if (span.status.code === StatusCode.OK) tags.push({ key: JAEGER_TAGS.statusCode, value: str('OK') });
  if (span.status.message) tags.push({ key: JAEGER_TAGS.statusDescription, value: str(span.status.message) });
  if (span.traceState) tags.push({ key: JAEGER_TAGS.traceState, value: str(span.traceState) });

  const references: JaegerReference[] = span.links.map((l) => ({
    refType: findStringAttribute(l.attributes, JAEGER_TAGS.refType) === 'child_of' ? JaegerRefType.CHILD_OF : JaegerRefType.FOLLOWS_FROM,
    traceId: l.traceId,
    spanId: l.spanId,
  }));
  const logs: JaegerLog[] = span.events.map((e) => ({
    timeUnixNano: e.timeUnixNano,
    fields: e.name ? [{ key: JAEGER_TAGS.eventName, value: str(e.name) }, ...e.attributes.map(jaegerExpressible)] : e.attributes.map(jaegerExpressible),
  }));
  return {
    traceId: span.traceId,
    traceIdHigh64Absent: span.traceIdHigh64Absent,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    references,
    flags: span.flags,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    tags,
    logs,
  };
}

/** A resource as a Jaeger Process: `service.name` is the service name, every other attribute a tag. */
export function resourceToJaegerProcess(resource: Resource): JaegerProcessParts {
  return {
    serviceName: findStringAttribute(resource.attributes, 'service.name') ?? '',
    tags: resource.attributes.filter((a) => a.key !== 'service.name').map(jaegerExpressible),
  };
}

/** Jaeger has no arrays or maps: those become JSON text, as the collector's exporter writes them. */
function jaegerExpressible(a: Attribute): Attribute {
  return a.value.type === 'array' || a.value.type === 'kvlist' ? { key: a.key, value: str(JSON.stringify(anyValueToJson(a.value))) } : a;
}
