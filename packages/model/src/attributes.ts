/**
 * Typed attribute values, shaped like OTLP's AnyValue so that every wire format can map in
 * without losing the type the client sent (an int stays an int, 2.0 stays a double).
 * 64-bit integers are bigint: OTLP, Jaeger and X-Ray all carry int64, and 2^53 is not enough.
 */
export type AnyValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'array'; readonly value: readonly AnyValue[] }
  | { readonly type: 'kvlist'; readonly value: readonly Attribute[] };

export type AnyValueType = AnyValue['type'];

export interface Attribute {
  readonly key: string;
  readonly value: AnyValue;
}

export const str = (value: string): AnyValue => ({ type: 'string', value });
export const int = (value: bigint | number): AnyValue => ({ type: 'int', value: BigInt(value) });
export const double = (value: number): AnyValue => ({ type: 'double', value });
export const bool = (value: boolean): AnyValue => ({ type: 'bool', value });
export const bytes = (value: Uint8Array): AnyValue => ({ type: 'bytes', value });
export const array = (value: readonly AnyValue[]): AnyValue => ({ type: 'array', value });
export const kvlist = (value: readonly Attribute[]): AnyValue => ({ type: 'kvlist', value });

export const attr = (key: string, value: AnyValue): Attribute => ({ key, value });

/** Returns the value of the last attribute with `key` (later duplicates win, as in OTLP SDKs). */
export function findAttribute(attributes: readonly Attribute[], key: string): AnyValue | undefined {
  for (let i = attributes.length - 1; i >= 0; i--) {
    const a = attributes[i]!;
    if (a.key === key) return a.value;
  }
  return undefined;
}

export function findStringAttribute(attributes: readonly Attribute[], key: string): string | undefined {
  const v = findAttribute(attributes, key);
  return v?.type === 'string' ? v.value : undefined;
}

/**
 * Renders a value as the string Zipkin and other string-only formats use:
 * arrays as comma-joined items (what the OpenTelemetry Zipkin exporter does), bytes as base64,
 * key/value lists as JSON.
 */
export function anyValueToString(v: AnyValue): string {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'int':
      return v.value.toString();
    case 'double':
      return formatDouble(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'bytes':
      return Buffer.from(v.value.buffer, v.value.byteOffset, v.value.byteLength).toString('base64');
    case 'array':
      return v.value.map(anyValueToString).join(',');
    case 'kvlist':
      return JSON.stringify(anyValueToJson(v));
  }
}

function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** Plain JSON value (ints become numbers when safe, strings otherwise; bytes base64). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export function anyValueToJson(v: AnyValue): JsonValue {
  switch (v.type) {
    case 'string':
    case 'bool':
      return v.value;
    case 'double':
      return Number.isFinite(v.value) ? v.value : formatDouble(v.value);
    case 'int':
      return bigintToJsonNumber(v.value);
    case 'bytes':
      return anyValueToString(v);
    case 'array':
      return v.value.map(anyValueToJson);
    case 'kvlist': {
      const out: { [k: string]: JsonValue } = {};
      for (const a of v.value) out[a.key] = anyValueToJson(a.value);
      return out;
    }
  }
}

/** A bigint as a JSON number when it is exactly representable, else as its decimal string. */
export function bigintToJsonNumber(n: bigint): number | string {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

export function anyValueEquals(a: AnyValue, b: AnyValue): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'string':
    case 'int':
    case 'bool':
      return a.value === b.value;
    case 'double':
      return Object.is(a.value, b.value) || a.value === b.value;
    case 'bytes': {
      const bv = b.value as Uint8Array;
      return a.value.length === bv.length && a.value.every((x, i) => x === bv[i]);
    }
    case 'array': {
      const bv = b.value as readonly AnyValue[];
      return a.value.length === bv.length && a.value.every((x, i) => anyValueEquals(x, bv[i]!));
    }
    case 'kvlist': {
      const bv = b.value as readonly Attribute[];
      return a.value.length === bv.length && a.value.every((x, i) => x.key === bv[i]!.key && anyValueEquals(x.value, bv[i]!.value));
    }
  }
}
