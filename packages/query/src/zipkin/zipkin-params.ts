import { SkeinError, normalizeTraceId } from '@skein/model';

export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Query-string readers with Zipkin's rules: a repeated parameter takes its first value, an empty
 * optional parameter counts as absent, numbers are Java longs (decimal integers). Problems are
 * SKEIN_ERR_BAD_QUERY_PARAM (400), whose message names the parameter.
 */
export function optionalParam(query: RawQuery, name: string): string | undefined {
  const v = query[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

export function requiredParam(query: RawQuery, name: string): string {
  const v = query[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined) throw badParam(`Mandatory parameter is missing: ${name}`);
  return s;
}

/** A decimal integer within Java's long range (what Zipkin's `Long` parameters accept). */
export function optionalLong(query: RawQuery, name: string): bigint | undefined {
  const s = optionalParam(query, name);
  if (s === undefined) return undefined;
  if (!/^[+-]?\d{1,19}$/.test(s)) throw badParam(`${name}: expected an integer, got ${JSON.stringify(clip(s))}`);
  const n = BigInt(s);
  if (n > 9_223_372_036_854_775_807n || n < -9_223_372_036_854_775_808n) throw badParam(`${name}: ${s} is out of range`);
  return n;
}

export function requiredLong(query: RawQuery, name: string): bigint {
  requiredParam(query, name);
  const n = optionalLong(query, name);
  if (n === undefined) throw badParam(`${name}: expected an integer, got ""`);
  return n;
}

/**
 * A trace id as Zipkin reads one from a path or list: 1–32 hex characters (trimmed), 64-bit ids
 * left-padded. Returns the 32-char stored form; Zipkin's own messages on failure.
 */
export function parseZipkinTraceId(raw: string): string {
  const trimmed = raw.trim();
  const n = normalizeTraceId(trimmed);
  if (typeof n !== 'string') return n.id;
  switch (n) {
    case 'empty':
      throw badParam('traceId is empty');
    case 'wrong-length':
      throw badParam(`traceId.length > 32: ${JSON.stringify(clip(trimmed))}`);
    case 'not-hex':
      throw badParam(`traceId should be lower-hex encoded with no prefix: ${JSON.stringify(clip(trimmed))}`);
    case 'all-zero':
      throw badParam('traceId is all zeros');
  }
}

/** How Zipkin prints a normalized trace id: 16 characters when the high 64 bits are zero. */
export const zipkinTraceIdText = (id: string): string => (id.startsWith('0000000000000000') ? id.slice(16) : id);

export const badParam = (message: string): SkeinError => new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', message);

const clip = (s: string): string => (s.length > 64 ? `${s.slice(0, 64)}…` : s);
