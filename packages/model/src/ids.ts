/** Trace and span id helpers. Ids travel as lowercase hex everywhere in Skein. */

const HEX = /^[0-9a-f]+$/;
export const ZERO_TRACE_ID = '0'.repeat(32);
export const ZERO_SPAN_ID = '0'.repeat(16);

export type IdProblem = 'empty' | 'not-hex' | 'wrong-length' | 'all-zero';

/**
 * Normalizes a hex trace id to 32 chars. Accepts 16 (64-bit, left-padded) or 32 hex chars,
 * any case. Shorter ids are left-padded as Zipkin does ("Zipkin ids are hex, 1-32 chars").
 */
export function normalizeTraceId(hex: string): { id: string; high64Absent: boolean } | IdProblem {
  if (hex.length === 0) return 'empty';
  const lower = hex.toLowerCase();
  if (!HEX.test(lower)) return 'not-hex';
  if (lower.length > 32) return 'wrong-length';
  const id = lower.padStart(32, '0');
  if (id === ZERO_TRACE_ID) return 'all-zero';
  return { id, high64Absent: lower.length <= 16 };
}

/** Normalizes a hex span id to 16 chars (1–16 hex chars, left-padded). */
export function normalizeSpanId(hex: string): string | IdProblem {
  if (hex.length === 0) return 'empty';
  const lower = hex.toLowerCase();
  if (!HEX.test(lower)) return 'not-hex';
  if (lower.length > 16) return 'wrong-length';
  const id = lower.padStart(16, '0');
  if (id === ZERO_SPAN_ID) return 'all-zero';
  return id;
}

export const isIdProblem = (v: unknown): v is IdProblem => typeof v === 'string' && (v === 'empty' || v === 'not-hex' || v === 'wrong-length' || v === 'all-zero');

/** How a trace id is shown to a client: 16 hex chars if it arrived as 64 bits. */
export const displayTraceId = (traceId: string, high64Absent: boolean): string =>
  high64Absent && traceId.startsWith('0000000000000000') ? traceId.slice(16) : traceId;

export function bytesToHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
