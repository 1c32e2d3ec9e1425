import type { AnyValue, Attribute } from '@skein/model';
import { EMPTY_ANY_VALUE } from './decode-attributes-protobuf.js';
import { type JsonObject, JsonShapeError, arrayField, describe, doubleValue, int64Value, isJsonObject, objectField, rethrowWithin, stringField } from './json-shape.js';
import { MAX_ANY_VALUE_DEPTH } from './otlp-schema.js';

/** Reads a `KeyValue[]` field (`attributes`) of `o`; absent means none. */
export function attributesField(o: JsonObject, camel: string, snake: string): Attribute[] {
  const list = arrayField(o, camel, snake);
  return list === undefined ? [] : readKeyValues(list, camel, 1);
}

function readKeyValues(list: readonly unknown[], name: string, depth: number): Attribute[] {
  const out: Attribute[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      out[i] = readKeyValue(list[i], depth);
    } catch (e) {
      rethrowWithin(e, `${name}[${i}]`);
    }
  }
  return out;
}

function readKeyValue(kv: unknown, depth: number): Attribute {
  if (!isJsonObject(kv)) throw new JsonShapeError('', `expected object, got ${describe(kv)}`);
  const key = stringField(kv, 'key', 'key');
  const v = objectField(kv, 'value', 'value');
  if (v === undefined) return { key, value: EMPTY_ANY_VALUE };
  try {
    return { key, value: readAnyValue(v, depth) };
  } catch (e) {
    rethrowWithin(e, 'value');
  }
}

/**
 * One AnyValue object: `{"stringValue": "x"}`, `{"intValue": "12"}`, ... . A value with no
 * member set is the empty value, read as "" (see EMPTY_ANY_VALUE). Should a sender set
 * several members, the first in .proto order wins.
 */
export function readAnyValue(v: JsonObject, depth: number): AnyValue {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new JsonShapeError('', `attribute values nest deeper than ${MAX_ANY_VALUE_DEPTH} levels`, 'SKEIN_ERR_TOO_DEEP');
  let m: unknown;
  if ((m = member(v, 'stringValue', 'string_value')) !== undefined) {
    if (typeof m !== 'string') throw new JsonShapeError('stringValue', `expected string, got ${describe(m)}`);
    return { type: 'string', value: m };
  }
  if ((m = member(v, 'boolValue', 'bool_value')) !== undefined) {
    if (typeof m !== 'boolean') throw new JsonShapeError('boolValue', `expected boolean, got ${describe(m)}`);
    return { type: 'bool', value: m };
  }
  if ((m = member(v, 'intValue', 'int_value')) !== undefined) return { type: 'int', value: int64Value(m, 'intValue') };
  if ((m = member(v, 'doubleValue', 'double_value')) !== undefined) return { type: 'double', value: doubleValue(m, 'doubleValue') };
  if ((m = member(v, 'arrayValue', 'array_value')) !== undefined) {
    const values = listOf(m, 'arrayValue');
    const out: AnyValue[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const item = values[i];
      try {
        if (!isJsonObject(item)) throw new JsonShapeError('', `expected object, got ${describe(item)}`);
        out[i] = readAnyValue(item, depth + 1);
      } catch (e) {
        rethrowWithin(e, `arrayValue.values[${i}]`);
      }
    }
    return { type: 'array', value: out };
  }
  if ((m = member(v, 'kvlistValue', 'kvlist_value')) !== undefined) {
    const values = listOf(m, 'kvlistValue');
    try {
      return { type: 'kvlist', value: readKeyValues(values, 'values', depth + 1) };
    } catch (e) {
      rethrowWithin(e, 'kvlistValue');
    }
  }
  if ((m = member(v, 'bytesValue', 'bytes_value')) !== undefined) {
    if (typeof m !== 'string') throw new JsonShapeError('bytesValue', `expected base64 string, got ${describe(m)}`);
    return { type: 'bytes', value: new Uint8Array(Buffer.from(m, 'base64')) };
  }
  return EMPTY_ANY_VALUE;
}

const member = (v: JsonObject, camel: string, snake: string): unknown => {
  const m = v[camel];
  return m === undefined || m === null ? (v[snake] ?? undefined) : m;
};

/** `{"values": [...]}` of ArrayValue / KeyValueList; a missing list is empty. */
function listOf(m: unknown, name: string): readonly unknown[] {
  if (!isJsonObject(m)) throw new JsonShapeError(name, `expected object, got ${describe(m)}`);
  try {
    return arrayField(m, 'values', 'values') ?? [];
  } catch (e) {
    rethrowWithin(e, name);
  }
}
