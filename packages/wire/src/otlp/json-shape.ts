import { SkeinError } from '@skein/model';

/**
 * A JSON payload of the wrong shape, with the path to the offending value
 * (`resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano`). Paths are built on the way
 * out (each level adds its segment while the error propagates), so well-formed payloads pay
 * nothing for them.
 */
export class JsonShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly code: 'SKEIN_ERR_INVALID_PAYLOAD' | 'SKEIN_ERR_TOO_DEEP' = 'SKEIN_ERR_INVALID_PAYLOAD',
  ) {
    super(`${path || '(root)'}: ${problem}`);
  }

  toSkeinError(): SkeinError {
    return new SkeinError(this.code, this.message);
  }
}

/** Re-throws `e` with `segment` in front of its path (non-shape errors pass unchanged). */
export function rethrowWithin(e: unknown, segment: string): never {
  if (e instanceof JsonShapeError) throw new JsonShapeError(e.path ? `${segment}.${e.path}` : segment, e.problem, e.code);
  throw e;
}

export type JsonObject = { readonly [key: string]: unknown };

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A field by its lowerCamelCase OTLP/JSON name, or by its original proto name as protobuf
 * JSON parsers also accept. `null` means "not set", as in protobuf JSON.
 */
export function fieldOf(o: JsonObject, camel: string, snake: string): unknown {
  const v = o[camel];
  if (v !== undefined && v !== null) return v;
  if (snake === camel) return undefined;
  const w = o[snake];
  return w === null ? undefined : w;
}

export function objectField(o: JsonObject, camel: string, snake: string): JsonObject | undefined {
  const v = fieldOf(o, camel, snake);
  if (v === undefined || isJsonObject(v)) return v;
  throw new JsonShapeError(camel, `expected object, got ${describe(v)}`);
}

export function arrayField(o: JsonObject, camel: string, snake: string): readonly unknown[] | undefined {
  const v = fieldOf(o, camel, snake);
  if (v === undefined || Array.isArray(v)) return v;
  throw new JsonShapeError(camel, `expected array, got ${describe(v)}`);
}

export function stringField(o: JsonObject, camel: string, snake: string): string {
  const v = fieldOf(o, camel, snake);
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  throw new JsonShapeError(camel, `expected string, got ${describe(v)}`);
}

/** Trace/span ids: hex strings, lowercased, otherwise unvalidated (the pipeline judges them). */
export function hexIdField(o: JsonObject, camel: string, snake: string): string {
  return stringField(o, camel, snake).toLowerCase();
}

const UINT32_MAX = 0xffffffff;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** uint32/fixed32 fields: a JSON number or a decimal string. */
export function uint32Field(o: JsonObject, camel: string, snake: string): number {
  const v = fieldOf(o, camel, snake);
  if (v === undefined) return 0;
  const n = typeof v === 'number' ? v : typeof v === 'string' && isDecimalInteger(v) ? Number(v) : NaN;
  if (Number.isInteger(n) && n >= 0 && n <= UINT32_MAX) return n;
  throw new JsonShapeError(camel, `expected unsigned 32-bit integer, got ${describe(v)}`);
}

/** fixed64/uint64 fields (times): a decimal string (the OTLP/JSON form) or a JSON number. */
export function uint64Field(o: JsonObject, camel: string, snake: string): bigint {
  const v = fieldOf(o, camel, snake);
  if (v === undefined) return 0n;
  const n = toBigInt(v);
  if (n !== undefined && n >= 0n && n <= UINT64_MAX) return n;
  throw new JsonShapeError(camel, `expected unsigned 64-bit integer, got ${describe(v)}`);
}

/** An int64 value (AnyValue.intValue): a decimal string or a JSON number. */
export function int64Value(v: unknown, name: string): bigint {
  const n = toBigInt(v);
  if (n !== undefined && n >= INT64_MIN && n <= INT64_MAX) return n;
  throw new JsonShapeError(name, `expected 64-bit integer, got ${describe(v)}`);
}

/** A double: a JSON number, or a string holding a number, "NaN", "Infinity" or "-Infinity". */
export function doubleValue(v: unknown, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    if (JSON_NUMBER.test(v)) return Number(v);
  }
  throw new JsonShapeError(name, `expected number, got ${describe(v)}`);
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** An enum: its integer value, or its name as in the .proto (`"SPAN_KIND_SERVER"`). */
export function enumField(o: JsonObject, camel: string, snake: string, fromName: (name: string) => number | undefined): number {
  const v = fieldOf(o, camel, snake);
  if (v === undefined) return 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    const n = fromName(v);
    if (n !== undefined) return n;
    throw new JsonShapeError(camel, `unknown enum value ${describe(v)}`);
  }
  throw new JsonShapeError(camel, `expected enum integer or name, got ${describe(v)}`);
}

function toBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'string') return isDecimalInteger(v) ? BigInt(v) : undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

/** `-?[0-9]+`, checked by hand: BigInt() alone would also take "", " 1", "0x1f" and "1_0"-like forms. */
function isDecimalInteger(s: string): boolean {
  const n = s.length;
  let i = n > 0 && s.charCodeAt(0) === 0x2d /* - */ ? 1 : 0;
  if (i === n) return false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A short description of an unexpected value for error messages (never the whole value). */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return v.length > 40 ? `string "${v.slice(0, 40)}…"` : `string "${v}"`;
  if (typeof v === 'object') return 'object';
  return `${typeof v} ${String(v)}`;
}
