/** Two-digit lowercase hex of every byte value. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const hex32 = (v: number): string => BYTE_HEX[(v >>> 24) & 0xff]! + BYTE_HEX[(v >>> 16) & 0xff]! + BYTE_HEX[(v >>> 8) & 0xff]! + BYTE_HEX[v & 0xff]!;

/** A 64-bit value given as two unsigned 32-bit halves, as 16 lowercase hex chars (no BigInt on the way). */
export const hex64 = (hi: number, lo: number): string => hex32(hi) + hex32(lo);

/**
 * What the concrete readers offer beyond ThriftProtocolReader: an i64 read straight to the
 * 16 hex chars of its unsigned value. Trace and span ids travel as i64 in Jaeger and Zipkin
 * Thrift, and going through BigInt costs a tenth of a Jaeger batch's decode time.
 */
export interface ThriftIdReader {
  readI64Hex(): string;
}
