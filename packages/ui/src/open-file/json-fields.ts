import type { AttributeJson } from '../trace/model/trace-json.js';
import { TraceFileError, describeValue } from './trace-file-error.js';

/**
 * Readers for untrusted JSON: each takes the value and its path, and either returns it typed or
 * throws a TraceFileError naming the path. Shared by the OTLP, Jaeger and Zipkin converters.
 */
export type JsonObject = { readonly [key: string]: unknown };

export function objectAt(v: unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TraceFileError(`${path}: expected an object, got ${describeValue(v)}`);
  return v as JsonObject;
}

/** An array, or [] when the field is absent (every list in these formats is optional). */
export function arrayAt(v: unknown, path: string): readonly unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new TraceFileError(`${path}: expected an array, got ${describeValue(v)}`);
  return v;
}

export function optionalString(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new TraceFileError(`${path}: expected a string, got ${describeValue(v)}`);
  return v;
}

/**
 * A hex id of 16 or 32 characters (a span id is 16), lowercased. `allowEmpty` is for parents:
 * a root has none. 64-bit trace ids stay 16 characters, as Skein shows them for such clients.
 */
export function hexId(v: unknown, path: string, lengths: readonly number[], allowEmpty = false): string {
  if ((v === undefined || v === null || v === '') && allowEmpty) return '';
  if (typeof v !== 'string' || !/^[0-9a-fA-F]+$/.test(v) || !lengths.includes(v.length)) {
    throw new TraceFileError(`${path}: expected ${lengths.join(' or ')} hex characters, got ${describeValue(v)}`);
  }
  return v.toLowerCase();
}

/** A whole number of nanoseconds from a decimal string or a JSON number (OTLP JSON allows both). */
export function nanos(v: unknown, path: string): bigint {
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.round(v));
  throw new TraceFileError(`${path}: expected a time in nanoseconds, got ${describeValue(v)}`);
}

/** Microseconds (Zipkin, Jaeger) → nanoseconds. */
export function microsToNanos(v: unknown, path: string): bigint {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.round(v)) * 1000n;
  if (typeof v === 'string' && /^\d{1,17}$/.test(v)) return BigInt(v) * 1000n;
  throw new TraceFileError(`${path}: expected a time in microseconds, got ${describeValue(v)}`);
}

/** A string attribute, as Skein's API shows one. */
export const stringAttribute = (key: string, value: string): AttributeJson => ({ key, type: 'string', value });

/** `value` as Skein's API shows an int: a number when exact, else its decimal text. */
export function intValue(n: bigint): number | string {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}
