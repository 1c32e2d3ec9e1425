import { isIdProblem, normalizeSpanId, normalizeTraceId } from '@skein/model';

const ZERO_HIGH_64 = '0000000000000000';
const LOWER_HEX = /^[0-9a-f]*$/;

/**
 * Zipkin ids → model ids, exactly as the model's normalizeTraceId/normalizeSpanId give them, with
 * a fast path for 16 or 32 lowercase hex characters: one regular expression and no lowercasing,
 * padding or second look. An id that does not normalize passes through lowercased, for the
 * pipeline to reject that span.
 *
 * `fromBytes`: the reader made the id from bytes (proto3, Thrift), so it is lowercase hex
 * already and only its length needs a look.
 */
export function traceIdOf(raw: string, fromBytes: boolean): { id: string; high64Absent: boolean } {
  if ((raw.length === 16 || raw.length === 32) && (fromBytes || LOWER_HEX.test(raw))) {
    // An all-zero id is not normalized but passes through as it is (for the pipeline to reject).
    if (raw.length === 32 || raw === ZERO_HIGH_64) return { id: raw, high64Absent: false };
    return { id: ZERO_HIGH_64 + raw, high64Absent: true };
  }
  const n = normalizeTraceId(raw);
  return isIdProblem(n) ? { id: raw.toLowerCase(), high64Absent: false } : n;
}

export function spanIdOf(raw: string, fromBytes: boolean): string {
  // 16 lowercase hex characters are the normalized id, or (all zeros) pass through as they are.
  if (isLowerHex16(raw, fromBytes)) return raw;
  const n = normalizeSpanId(raw);
  return isIdProblem(n) ? raw.toLowerCase() : n;
}

/** Absent, empty or all-zero parent ids mean a root (Zipkin reads them so); a span is not its own parent (collector). */
export function parentIdOf(raw: string | undefined, spanId: string, fromBytes: boolean): string {
  if (raw === undefined) return '';
  if (isLowerHex16(raw, fromBytes)) return raw === ZERO_HIGH_64 || raw === spanId ? '' : raw;
  const n = normalizeSpanId(raw);
  if (n === 'empty' || n === 'all-zero') return '';
  if (isIdProblem(n)) return raw.toLowerCase();
  return n === spanId ? '' : n;
}

const isLowerHex16 = (raw: string, fromBytes: boolean): boolean => raw.length === 16 && (fromBytes || LOWER_HEX.test(raw));
