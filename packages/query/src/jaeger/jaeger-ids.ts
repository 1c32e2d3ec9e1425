import { normalizeTraceId } from '@skein/model';
import { xrayTraceIdToHex } from '@skein/wire';

const ZERO_HIGH_64 = '0000000000000000';

/**
 * A trace id as Jaeger prints it (`model.TraceID.String()`): 16 hex chars when the high 64 bits
 * are zero, which covers every id that arrived as 64 bits (Skein stores those left-padded), 32
 * otherwise.
 */
export const jaegerTraceId = (traceId: string): string => (traceId.startsWith(ZERO_HIGH_64) ? traceId.slice(16) : traceId);

export type ParsedTraceId = { ok: true; traceId: string } | { ok: false; message: string };

/**
 * Parses a trace id from a URL the way Jaeger's `TraceIDFromString` accepts it: 1 to 32 hex
 * chars, any case, left-padded. Returns Skein's 32-char form. An X-Ray id
 * (`1-5759e988-bd862e3fe1be46a994272793`) is accepted too, so X-Ray users can look up the id
 * their SDK logged.
 */
export function parseJaegerTraceId(text: string): ParsedTraceId {
  const xray = xrayTraceIdToHex(text);
  if (xray !== undefined) return { ok: true, traceId: xray };
  if (text.length > 32) return { ok: false, message: `TraceID cannot be longer than 32 hex characters: ${text}` };
  const normalized = normalizeTraceId(text);
  if (normalized === 'empty') return { ok: false, message: 'TraceID is empty' };
  if (normalized === 'not-hex' || normalized === 'wrong-length') return { ok: false, message: `TraceID is not hexadecimal: ${text}` };
  // The all-zero id is well-formed but can never be stored: let the lookup answer "not found".
  if (normalized === 'all-zero') return { ok: true, traceId: '0'.repeat(32) };
  return { ok: true, traceId: normalized.id };
}
