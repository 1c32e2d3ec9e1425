import { SkeinError, array, bool, double, int, str, type AnyValue } from '@skein/model';

/**
 * Typed reads of a parsed segment document. A field of the wrong type fails the whole document
 * with its path (`subsegments[1].http.response.status: expected a number`), as the X-Ray daemon
 * and the collector (whose Go unmarshalling rejects it) do. JSON null counts as absent
 * (the Go SDKs and the collector treat the fields as `omitempty` pointers).
 */
export type JsonObject = { readonly [k: string]: unknown };

export const invalid = (path: string, why: string): SkeinError => new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', path ? `${path}: ${why}` : why);

export const childPath = (path: string, key: string): string => (path ? `${path}.${key}` : key);

export function asObject(v: unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(path, 'expected an object');
  return v as JsonObject;
}

/** Own fields only: a document's "constructor" or "__proto__" key is data, never Object.prototype. */
const field = (o: JsonObject, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

export function optionalObject(o: JsonObject, key: string, path: string): JsonObject | undefined {
  const v = field(o, key);
  return v === undefined || v === null ? undefined : asObject(v, childPath(path, key));
}

export function optionalArray(o: JsonObject, key: string, path: string): readonly unknown[] | undefined {
  const v = field(o, key);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalid(childPath(path, key), 'expected a list');
  return v;
}

export function optionalString(o: JsonObject, key: string, path: string): string | undefined {
  const v = field(o, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(childPath(path, key), 'expected a string');
  return v;
}

export function optionalNumber(o: JsonObject, key: string, path: string): number | undefined {
  const v = field(o, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw invalid(childPath(path, key), 'expected a number');
  return v;
}

export function optionalInteger(o: JsonObject, key: string, path: string): number | undefined {
  const v = optionalNumber(o, key, path);
  if (v !== undefined && !Number.isSafeInteger(v)) throw invalid(childPath(path, key), 'expected an integer');
  return v;
}

export function optionalBoolean(o: JsonObject, key: string, path: string): boolean | undefined {
  const v = field(o, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(childPath(path, key), 'expected true or false');
  return v;
}

export function optionalStringList(o: JsonObject, key: string, path: string): string[] | undefined {
  const list = optionalArray(o, key, path);
  if (list === undefined) return undefined;
  return list.map((item, i) => {
    if (typeof item !== 'string') throw invalid(`${childPath(path, key)}[${i}]`, 'expected a string');
    return item;
  });
}

/**
 * A JSON value as a typed attribute value, keeping the type the client sent: integers (that
 * JSON.parse could represent exactly) → int, other numbers → double, strings, booleans, lists of
 * strings → string arrays; anything else (objects, mixed lists) → its JSON text, the way the
 * collector stores metadata. Null → undefined (nothing to keep).
 */
export function jsonToAnyValue(v: unknown): AnyValue | undefined {
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'boolean':
      return bool(v);
    case 'number':
      // Past 2^53 JSON.parse has already rounded the integer: a double says so honestly.
      return Number.isSafeInteger(v) ? int(v) : double(v);
    case 'object':
      if (v === null) return undefined;
      if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return array(v.map((item: string) => str(item)));
      return str(JSON.stringify(v));
    default:
      return undefined;
  }
}

/**
 * Keeps every field of `o` not in `mapped` as an attribute `prefix + key`, so that what the
 * collector's translator drops is still stored (Skein's rule: nothing the client sent is lost).
 */
export function keepUnmapped(o: JsonObject, mapped: ReadonlySet<string>, prefix: string, into: Map<string, AnyValue>): void {
  for (const key of Object.keys(o)) {
    if (mapped.has(key)) continue;
    const value = jsonToAnyValue(o[key]);
    if (value !== undefined) into.set(prefix + key, value);
  }
}
