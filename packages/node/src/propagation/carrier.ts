import type { TextMapGetter } from '@opentelemetry/api';

/*
 * Reading a carrier safely. The getter is application or instrumentation code and the carrier
 * holds whatever arrived on the wire, so every read may throw or return something that is not
 * a string. Propagators must not throw (OpenTelemetry's rule), so they read through these.
 */

/** The raw value of `key`: a string, an array of strings, or undefined (absent, wrong type, or the getter threw). */
export function readHeader(getter: TextMapGetter, carrier: unknown, key: string): string | readonly string[] | undefined {
  let value: unknown;
  try {
    value = getter.get(carrier, key);
  } catch {
    return undefined;
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value as readonly string[];
  return undefined;
}

/** The keys the getter reports, or none if it threw or returned something that is not an array. */
export function readHeaderKeys(getter: TextMapGetter, carrier: unknown): readonly unknown[] {
  let keys: unknown;
  try {
    keys = getter.keys(carrier);
  } catch {
    return [];
  }
  return Array.isArray(keys) ? keys : [];
}

/** The first string value (B3: "the first value wins"), or undefined. */
export function firstHeaderValue(raw: string | readonly string[] | undefined): string | undefined {
  if (typeof raw === 'string') return raw;
  if (raw === undefined || raw.length === 0) return undefined;
  const first: unknown = raw[0];
  return typeof first === 'string' ? first : undefined;
}

/**
 * The value when exactly one was sent. W3C: two `traceparent` headers make the request's
 * trace context invalid rather than picking one.
 */
export function onlyHeaderValue(raw: string | readonly string[] | undefined): string | undefined {
  if (typeof raw === 'string') return raw;
  if (raw === undefined || raw.length !== 1) return undefined;
  const only: unknown = raw[0];
  return typeof only === 'string' ? only : undefined;
}

/** OWS per RFC 7230: space and horizontal tab. */
export function isOws(charCode: number): boolean {
  return charCode === 32 || charCode === 9;
}

/** Index of the first non-OWS character of `s[start, end)`, or `end`. */
export function skipOwsForward(s: string, start: number, end: number): number {
  while (start < end && isOws(s.charCodeAt(start))) start++;
  return start;
}

/** One past the last non-OWS character of `s[start, end)`, or `start`. */
export function skipOwsBackward(s: string, start: number, end: number): number {
  while (end > start && isOws(s.charCodeAt(end - 1))) end--;
  return end;
}
