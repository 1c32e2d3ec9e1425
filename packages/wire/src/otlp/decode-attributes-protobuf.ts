import { type AnyValue, type Attribute, SkeinError } from '@skein/model';
import type { ProtoReader } from './proto-reader.js';
import { MAX_ANY_VALUE_DEPTH } from './otlp-schema.js';
import { KEY, VALUE, STRING_VALUE, BOOL_VALUE, INT_VALUE, DOUBLE_VALUE, ARRAY_VALUE, KVLIST_VALUE, BYTES_VALUE, ARRAY_VALUES, KVLIST_VALUES } from './otlp-tags.js';

/**
 * An AnyValue with no field set ("empty" in OTLP) has no counterpart in Skein's model; it is
 * read as the empty string, which is how OTLP's own string renderings show it.
 */
export const EMPTY_ANY_VALUE: AnyValue = Object.freeze({ type: 'string', value: '' });

/** Reads one `KeyValue` message ending at `end`; `depth` is the nesting level of its value. */
export function readKeyValue(r: ProtoReader, end: number, depth: number): Attribute {
  let key = '';
  let value = EMPTY_ANY_VALUE;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === KEY) key = r.cachedString(end);
    else if (tag === VALUE) value = readAnyValue(r, r.lenEnd(end), depth);
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return { key, value };
}

/** Appends the `KeyValue` at the reader's position (a length-delimited field) to `out`. */
export function pushKeyValue(r: ProtoReader, limit: number, out: Attribute[]): void {
  out.push(readKeyValue(r, r.lenEnd(limit), 1));
}

/** Reads one `AnyValue` message ending at `end`. The last member of the oneof wins, as in protobuf. */
export function readAnyValue(r: ProtoReader, end: number, depth: number): AnyValue {
  if (depth > MAX_ANY_VALUE_DEPTH) throw tooDeep();
  let value = EMPTY_ANY_VALUE;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case STRING_VALUE:
        value = { type: 'string', value: r.cachedString(end) };
        break;
      case INT_VALUE:
        value = { type: 'int', value: r.int64() };
        break;
      case DOUBLE_VALUE:
        value = { type: 'double', value: r.double() };
        break;
      case BOOL_VALUE:
        value = { type: 'bool', value: r.bool() };
        break;
      case ARRAY_VALUE:
        value = { type: 'array', value: readArrayValue(r, r.lenEnd(end), depth) };
        break;
      case KVLIST_VALUE:
        value = { type: 'kvlist', value: readKeyValueList(r, r.lenEnd(end), depth) };
        break;
      case BYTES_VALUE:
        value = { type: 'bytes', value: r.bytes(end) };
        break;
      default:
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  return value;
}

function readArrayValue(r: ProtoReader, end: number, depth: number): AnyValue[] {
  const values: AnyValue[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === ARRAY_VALUES) values.push(readAnyValue(r, r.lenEnd(end), depth + 1));
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return values;
}

function readKeyValueList(r: ProtoReader, end: number, depth: number): Attribute[] {
  const values: Attribute[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === KVLIST_VALUES) values.push(readKeyValue(r, r.lenEnd(end), depth + 1));
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return values;
}

const tooDeep = (): SkeinError => new SkeinError('SKEIN_ERR_TOO_DEEP', `attribute values nest deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
