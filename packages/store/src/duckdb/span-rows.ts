import type { AnyValue, Attribute, Span, SpanKind, StatusCode } from '@skein/model';
import { decodeAnyValue, decodeEvents, decodeLinks } from './binary-codec.js';
import { ATTR_TYPE, BIT_SHARED, BIT_TRACE_ID_HIGH64_ABSENT } from './schema.js';
import type { ResourceRegistry, ScopeRegistry } from './entity-registry.js';
import type { KeyRegistry } from './key-registry.js';
import type { AttributeShape, ShapeRegistry } from './shape-registry.js';

/** The stored columns a trace read takes from each day table (SPAN_READ_LIST reshapes them). */
export const SPAN_SELECT_COLUMNS = [
  'trace_id', 'span_id', 'parent_id', 'start_ns', 'duration_ns', 'resource_id', 'scope_id', 'name', 'kind',
  'status_code', 'status_message', 'trace_state', 'flags', 'span_bits', 'dropped_attributes', 'dropped_events',
  'dropped_links', 'shape_id', 'str_values', 'int_values', 'dbl_values', 'bool_values', 'other_values',
  'events', 'links',
] as const;

export const SPAN_SELECT_LIST = SPAN_SELECT_COLUMNS.join(', ');

/**
 * What spansFromColumns rebuilds a span from, in this order, selected over SPAN_SELECT_COLUMNS.
 *
 * Why a JSON column: the Node API's getColumnsJS makes every string longer than 12 bytes its own
 * ArrayBuffer (a native call, then garbage to collect) and every list a JS array built item by
 * item. With ~10 strings per span that was ~3/4 of a 100k-span getTrace. Here DuckDB writes a
 * span's text — hex ids, name, status message, trace state, string attributes, and int attributes
 * as decimal text so they stay exact — into ONE JSON string per row, and JSON.parse reads it
 * several times faster. Rarely used lists are NULL when empty, so they cost a validity check.
 */
export const SPAN_READ_LIST = [
  'trace_id', 'start_ns', 'duration_ns', 'resource_id', 'scope_id', 'kind', 'status_code', 'flags', 'span_bits',
  'dropped_attributes', 'dropped_events', 'dropped_links', 'shape_id',
  `json_array(printf('%016x', span_id), CASE WHEN parent_id = 0 THEN '' ELSE printf('%016x', parent_id) END, name, status_message, trace_state, str_values, int_values::VARCHAR[])::VARCHAR`,
  'CASE WHEN len(dbl_values) > 0 THEN dbl_values END',
  'CASE WHEN len(bool_values) > 0 THEN bool_values END',
  'CASE WHEN len(other_values) > 0 THEN other_values END',
  'events', 'links',
].join(', ');

/** The JSON column of SPAN_READ_LIST, parsed. */
type SpanText = [spanId: string, parentSpanId: string, name: string, statusMessage: string, traceState: string, strValues: string[] | null, intValues: string[] | null];

/** A value as the Node API's JS conversion gives it (getColumnsJS). */
type JsValue = unknown;

const toBytes = (v: JsValue): Uint8Array => {
  const b = v as Uint8Array;
  // Copy: results may be views into a larger pooled buffer, and callers get a plain Uint8Array.
  return new Uint8Array(b);
};

const NO_VALUES: never[] = [];

export const traceIdHex = (v: bigint): string => v.toString(16).padStart(32, '0');

/** The in-memory tables a span row refers to. */
export interface SpanRefs {
  readonly resources: ResourceRegistry;
  readonly scopes: ScopeRegistry;
  readonly keys: KeyRegistry;
  readonly shapes: ShapeRegistry;
}

/** Rebuilds spans from column arrays (one entry per row) in SPAN_READ_LIST order. */
export function spansFromColumns(columns: JsValue[][], refs: SpanRefs): Span[] {
  const { resources, scopes, keys, shapes } = refs;
  const [
    traceIds, starts, durations, resourceIds, scopeIds, kinds, statusCodes, flags, bits,
    droppedAttributes, droppedEvents, droppedLinks, shapeIds, texts, dblValues, boolValues, otherValues, events, links,
  ] = columns as [
    bigint[], bigint[], bigint[], number[], number[], number[], number[], number[], number[],
    number[], number[], number[], number[], string[], (number[] | null)[], (boolean[] | null)[], (JsValue[] | null)[], (JsValue | null)[], (JsValue | null)[],
  ];
  const out: Span[] = [];
  const interned = new InternedAttributes();
  let lastTraceIdNumber: bigint | undefined;
  let traceId = '';
  const n = traceIds?.length ?? 0;
  for (let i = 0; i < n; i++) {
    // Rows come ordered by trace id, so converting only when it changes is enough.
    const tid = traceIds[i]!;
    if (tid !== lastTraceIdNumber) traceId = traceIdHex((lastTraceIdNumber = tid));
    const start = starts[i]!;
    const resourceId = resourceIds[i]!;
    const scopeId = scopeIds[i]!;
    const resource = resources.get(resourceId);
    const scope = scopes.get(scopeId);
    if (!resource || !scope) throw new Error(`span references unknown resource ${resourceId} or scope ${scopeId}`);
    const spanBits = bits[i]!;
    const eventBlob = events[i];
    const linkBlob = links[i];
    const [spanId, parentSpanId, name, statusMessage, traceState, strValues, intValues] = JSON.parse(texts[i]!) as SpanText;
    out.push({
      traceId,
      spanId,
      parentSpanId,
      traceState,
      flags: flags[i]!,
      name,
      kind: kinds[i]! as SpanKind,
      startTimeUnixNano: start,
      endTimeUnixNano: start + durations[i]!,
      attributes: rebuildAttributes(keys, interned, shapes.get(shapeIds[i]!), strValues ?? NO_VALUES, intValues ?? NO_VALUES, dblValues[i] ?? NO_VALUES, boolValues[i] ?? NO_VALUES, otherValues[i] ?? NO_VALUES),
      droppedAttributesCount: droppedAttributes[i]!,
      events: eventBlob == null ? [] : decodeEvents(toBytes(eventBlob), start),
      droppedEventsCount: droppedEvents[i]!,
      links: linkBlob == null ? [] : decodeLinks(toBytes(linkBlob)),
      droppedLinksCount: droppedLinks[i]!,
      status: { code: statusCodes[i]! as StatusCode, message: statusMessage },
      resource,
      scope,
      traceIdHigh64Absent: (spanBits & BIT_TRACE_ID_HIGH64_ABSENT) !== 0,
      shared: (spanBits & BIT_SHARED) !== 0,
    });
  }
  return out;
}

/**
 * One Attribute object per distinct (key, string or int value) within one read, shared by every
 * span that has it, as Resources are. A huge trace repeats most of its values (methods, status
 * codes, hosts, db statements), so this cuts the objects a 100k-span read keeps alive — and the
 * garbage collector's work, which was a third of the read — while still giving readonly spans.
 */
class InternedAttributes {
  private readonly strings = new Map<number, Map<string, Attribute>>();
  private readonly ints = new Map<number, Map<string, Attribute>>();

  string(key: string, keyId: number, text: string): Attribute {
    return this.intern(this.strings, keyId, text, () => ({ key, value: { type: 'string', value: text } }));
  }

  /** `text`: the decimal digits DuckDB wrote, so a repeated int is not parsed again. */
  int(key: string, keyId: number, text: string): Attribute {
    return this.intern(this.ints, keyId, text, () => ({ key, value: { type: 'int', value: BigInt(text) } }));
  }

  private intern(byKey: Map<number, Map<string, Attribute>>, keyId: number, text: string, make: () => Attribute): Attribute {
    let values = byKey.get(keyId);
    if (!values) byKey.set(keyId, (values = new Map()));
    let attribute = values.get(text);
    if (!attribute) values.set(text, (attribute = make()));
    return attribute;
  }
}

function rebuildAttributes(
  keys: KeyRegistry,
  interned: InternedAttributes,
  shape: AttributeShape,
  strValues: string[],
  intValues: string[],
  dblValues: number[],
  boolValues: boolean[],
  otherValues: JsValue[],
): Attribute[] {
  const { types, keyIds } = shape;
  const out: Attribute[] = new Array(types.length);
  let s = 0, i = 0, d = 0, b = 0, o = 0;
  for (let k = 0; k < types.length; k++) {
    const keyId = keyIds[k]!;
    const key = keys.keyOf(keyId);
    let value: AnyValue;
    switch (types[k]) {
      case ATTR_TYPE.string:
        out[k] = interned.string(key, keyId, strValues[s++]!);
        continue;
      case ATTR_TYPE.int:
        out[k] = interned.int(key, keyId, intValues[i++]!);
        continue;
      case ATTR_TYPE.double:
        value = { type: 'double', value: dblValues[d++]! };
        break;
      case ATTR_TYPE.bool:
        value = { type: 'bool', value: boolValues[b++]! };
        break;
      default:
        value = decodeAnyValue(toBytes(otherValues[o++]));
    }
    out[k] = { key, value };
  }
  return out;
}
