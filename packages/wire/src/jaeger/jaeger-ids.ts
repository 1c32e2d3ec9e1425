/**
 * Hex ids → Thrift i64s, for the encoders. (The decoders read ids straight to hex with the
 * readers' `readI64Hex`.) Jaeger's ids are unsigned 64-bit values that Thrift can only type as
 * signed i64, hence the two's-complement wrap.
 */

/** 32 hex chars → [high, low] as signed i64. */
export function hexToI64Pair(traceId: string): [bigint, bigint] {
  const padded = traceId.padStart(32, '0');
  return [hexToI64(padded.slice(0, 16)), hexToI64(padded.slice(16))];
}

export const hexToI64 = (hex: string): bigint => (hex === '' ? 0n : BigInt.asIntN(64, BigInt(`0x${hex}`)));
