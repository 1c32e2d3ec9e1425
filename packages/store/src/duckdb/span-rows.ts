import type { AnyValue, Attribute, Span, SpanKind, StatusCode } from '@skein/model';
import { decodeAnyValue, decodeEvents, decodeLinks } from './binary-codec.js';
import { ATTR_TYPE, BIT_SHARED, BIT_TRACE_ID_HIGH64_ABSENT } from './schema.js';
import type { ResourceRegistry, ScopeRegistry } from './entity-registry.js';
import type { KeyRegistry } from './key-registry.js';
import type { AttributeShape, ShapeRegistry } from './shape-registry.js';

/** The columns a span is rebuilt from, in SELECT order. */
export const SPAN_SELECT_COLUMNS = [
  'trace_id', 'span_id', 'parent_id', 'start_ns', 'duration_ns', 'resource_id', 'scope_id', 'name', 'kind',
  'status_code', 'status_message', 'trace_state', 'flags', 'span_bits', 'dropped_attributes', 'dropped_events',
  'dropped_links', 'shape_id', 'str_values', 'int_values', 'dbl_values', 'bool_values', 'other_values',
  'events', 'links',
] as const;

export const SPAN_SELECT_LIST = SPAN_SELECT_COLUMNS.join(', ');

/** A value as the Node API's JS conversion gives it (getColumnsJS). */
type JsValue = unknown;

const toBytes = (v: JsValue): Uint8Array => {
  const b = v as Uint8Array;
  // Copy: results may be views into a larger pooled buffer, and callers get a plain Uint8Array.
  return new Uint8Array(b);
};

export const traceIdHex = (v: bigint): string => v.toString(16).padStart(32, '0');
export const spanIdHex = (v: bigint): string => v.toString(16).padStart(16, '0');

/** Rebuilds spans from column arrays (one entry per row) in SPAN_SELECT_COLUMNS order. */
/** The in-memory tables a span row refers to. */
export interface SpanRefs {
  readonly resources: ResourceRegistry;
  readonly scopes: ScopeRegistry;
  readonly keys: KeyRegistry;
  readonly shapes: ShapeRegistry;
}

export function spansFromColumns(columns: JsValue[][], refs: SpanRefs): Span[] {
  const { resources, scopes, keys, shapes } = refs;
  const [
    traceIds, spanIds, parentIds, starts, durations, resourceIds, scopeIds, names, kinds,
    statusCodes, statusMessages, traceStates, flags, bits, droppedAttributes, droppedEvents,
    droppedLinks, shapeIds, strValues, intValues, dblValues, boolValues, otherValues, events, links,
  ] = columns as [
    bigint[], bigint[], bigint[], bigint[], bigint[], number[], number[], string[], number[],
    number[], string[], string[], number[], number[], number[], number[],
    number[], number[], string[][], bigint[][], number[][], boolean[][], JsValue[][], (JsValue | null)[], (JsValue | null)[],
  ];
  const out: Span[] = [];
  const traceIdCache = new Map<bigint, string>();
  const n = traceIds?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const tid = traceIds[i]!;
    let traceId = traceIdCache.get(tid);
    if (traceId === undefined) traceIdCache.set(tid, (traceId = traceIdHex(tid)));
    const start = starts[i]!;
    const resourceId = resourceIds[i]!;
    const scopeId = scopeIds[i]!;
    const resource = resources.get(resourceId);
    const scope = scopes.get(scopeId);
    if (!resource || !scope) throw new Error(`span references unknown resource ${resourceId} or scope ${scopeId}`);
    const spanBits = bits[i]!;
    const eventBlob = events[i];
    const linkBlob = links[i];
    out.push({
      traceId,
      spanId: spanIdHex(spanIds[i]!),
      parentSpanId: parentIds[i] === 0n ? '' : spanIdHex(parentIds[i]!),
      traceState: traceStates[i]!,
      flags: flags[i]!,
      name: names[i]!,
      kind: kinds[i]! as SpanKind,
      startTimeUnixNano: start,
      endTimeUnixNano: start + durations[i]!,
      attributes: rebuildAttributes(keys, shapes.get(shapeIds[i]!), strValues[i]!, intValues[i]!, dblValues[i]!, boolValues[i]!, otherValues[i]!),
      droppedAttributesCount: droppedAttributes[i]!,
      events: eventBlob == null ? [] : decodeEvents(toBytes(eventBlob), start),
      droppedEventsCount: droppedEvents[i]!,
      links: linkBlob == null ? [] : decodeLinks(toBytes(linkBlob)),
      droppedLinksCount: droppedLinks[i]!,
      status: { code: statusCodes[i]! as StatusCode, message: statusMessages[i]! },
      resource,
      scope,
      traceIdHigh64Absent: (spanBits & BIT_TRACE_ID_HIGH64_ABSENT) !== 0,
      shared: (spanBits & BIT_SHARED) !== 0,
    });
  }
  return out;
}

function rebuildAttributes(
  keys: KeyRegistry,
  shape: AttributeShape,
  strValues: string[],
  intValues: bigint[],
  dblValues: number[],
  boolValues: boolean[],
  otherValues: JsValue[],
): Attribute[] {
  const { types, keyIds } = shape;
  const out: Attribute[] = new Array(types.length);
  let s = 0, i = 0, d = 0, b = 0, o = 0;
  for (let k = 0; k < types.length; k++) {
    let value: AnyValue;
    switch (types[k]) {
      case ATTR_TYPE.string:
        value = { type: 'string', value: strValues[s++]! };
        break;
      case ATTR_TYPE.int:
        value = { type: 'int', value: intValues[i++]! };
        break;
      case ATTR_TYPE.double:
        value = { type: 'double', value: dblValues[d++]! };
        break;
      case ATTR_TYPE.bool:
        value = { type: 'bool', value: boolValues[b++]! };
        break;
      default:
        value = decodeAnyValue(toBytes(otherValues[o++]));
    }
    out[k] = { key: keys.keyOf(keyIds[k]!), value };
  }
  return out;
}
