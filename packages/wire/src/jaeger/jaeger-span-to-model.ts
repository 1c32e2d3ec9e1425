import { str, type Attribute, type InstrumentationScope, type Resource, type Span, type SpanEvent, type SpanLink } from '@skein/model';
import { JAEGER_TAGS, JaegerScopes, spanFieldsFromTags } from './jaeger-special-tags.js';
import { JaegerRefType, type JaegerLog, type JaegerReference, type JaegerSpanParts } from './jaeger-span-parts.js';

const ZERO_SPAN_ID = '0000000000000000';

/** The attribute each link carries (collector: conventions.AttributeOpentracingRefType), shared by all links. */
const CHILD_OF_ATTRIBUTES: readonly Attribute[] = Object.freeze([Object.freeze({ key: JAEGER_TAGS.refType, value: str('child_of') })]);
const FOLLOWS_FROM_ATTRIBUTES: readonly Attribute[] = Object.freeze([Object.freeze({ key: JAEGER_TAGS.refType, value: str('follows_from') })]);

/**
 * A decoded Jaeger span in Skein's model, following the OpenTelemetry Collector's translator
 * (pkg/translator/jaeger: jaegerthrift_to_traces.go, jaegerproto_to_traces.go):
 *
 * - parent: Thrift's `parentSpanId`; when 0 (and always for protobuf, which has no such
 *   field), the first CHILD_OF reference in the same trace, else the first FOLLOWS_FROM one
 *   (the collector's jThriftSpanParentID, after Jaeger's model.Span.ParentSpanID);
 * - every other reference → a link with `opentracing.ref_type` = child_of / follows_from; a
 *   CHILD_OF reference to the parent is the parent and not also a link. A FOLLOWS_FROM
 *   parent stays a link too, which is how the query API knows to give it back as FOLLOWS_FROM;
 * - tags → attributes, with kind / status / trace state / scope read out of them
 *   (jaeger-special-tags.ts);
 * - logs → events: a non-empty string `event` field names the event and is taken out of its
 *   attributes (the collector's eventNameAttr); otherwise the name is '' and every field stays;
 * - flags: the low 8 bits (sampled = 1, debug = 2, firehose = 8). Higher bits of OTLP's span
 *   flags mean something else (is-remote), so a Jaeger client's stray high bits are not kept.
 */
export function jaegerPartsToSpan(p: JaegerSpanParts, resource: Resource, scopes: JaegerScopes): Span {
  const fields = spanFieldsFromTags(p.tags);
  const parent = p.parentSpanId !== '' && p.parentSpanId !== ZERO_SPAN_ID ? p.parentSpanId : parentFromReferences(p.traceId, p.references);
  const scope: InstrumentationScope = scopes.get(fields.scopeName, fields.scopeVersion);
  return {
    traceId: p.traceId,
    spanId: p.spanId,
    parentSpanId: parent,
    traceState: fields.traceState,
    flags: p.flags & 0xff,
    name: p.name,
    kind: fields.kind,
    startTimeUnixNano: p.startTimeUnixNano,
    endTimeUnixNano: p.endTimeUnixNano,
    attributes: fields.attributes,
    droppedAttributesCount: 0,
    events: p.logs.length === 0 ? [] : p.logs.map(logToEvent),
    droppedEventsCount: 0,
    links: p.references.length === 0 ? [] : referencesToLinks(p.traceId, parent, p.references),
    droppedLinksCount: 0,
    status: fields.status,
    resource,
    scope,
    traceIdHigh64Absent: p.traceIdHigh64Absent,
    shared: false,
  };
}

function parentFromReferences(traceId: string, refs: readonly JaegerReference[]): string {
  let followsFrom = '';
  for (const ref of refs) {
    if (ref.traceId !== traceId) continue;
    if (ref.refType === JaegerRefType.CHILD_OF) return ref.spanId;
    if (followsFrom === '' && ref.refType === JaegerRefType.FOLLOWS_FROM) followsFrom = ref.spanId;
  }
  return followsFrom;
}

function referencesToLinks(traceId: string, parent: string, refs: readonly JaegerReference[]): SpanLink[] {
  const links: SpanLink[] = [];
  for (const ref of refs) {
    const childOf = ref.refType === JaegerRefType.CHILD_OF;
    if (childOf && parent !== '' && ref.spanId === parent && ref.traceId === traceId) continue;
    links.push({ traceId: ref.traceId, spanId: ref.spanId, traceState: '', attributes: childOf ? CHILD_OF_ATTRIBUTES : FOLLOWS_FROM_ATTRIBUTES, droppedAttributesCount: 0, flags: 0 });
  }
  return links;
}

function logToEvent(log: JaegerLog): SpanEvent {
  const fields = log.fields;
  let nameAt = -1;
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i]!;
    if (f.key === JAEGER_TAGS.eventName) {
      if (f.value.type === 'string' && f.value.value !== '') nameAt = i;
      break;
    }
  }
  if (nameAt < 0) return { timeUnixNano: log.timeUnixNano, name: '', attributes: fields, droppedAttributesCount: 0 };
  const name = fields[nameAt]!.value.value as string;
  return { timeUnixNano: log.timeUnixNano, name, attributes: fields.filter((_, i) => i !== nameAt), droppedAttributesCount: 0 };
}
