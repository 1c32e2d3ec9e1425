/**
 * Where, inside one encoded request, the bytes that make a request unique live. A request template
 * is sent many times; each send rewrites these places (see patch-protobuf.ts, patch-json.ts) so every
 * stored span has its own ids and its own place on the timeline, without re-encoding.
 */
export interface PatchPoints {
  /** Offsets of 16-byte trace ids (protobuf: raw bytes; JSON: the first of 32 hex characters). */
  readonly traceIds: Uint32Array;
  /** Offsets of 8-byte span ids and parent span ids (same conventions). */
  readonly spanIds: Uint32Array;
  /** Offsets of nanosecond timestamps: span start/end and event times (protobuf: fixed64 LE; JSON: decimal digits). */
  readonly times: Uint32Array;
}

/**
 * Ids are made unique by XOR-ing four bytes with a per-send salt: bytes 12..15 of trace ids and
 * bytes 4..7 of span ids. The other bytes stay the template's random bytes, so ids from different
 * templates differ there, and sends of the same template differ in the salted bytes (the salt is a
 * bijection of the send number). Parent ids get the same salt as span ids, so links stay intact.
 */
export const TRACE_ID_SALTED_BYTE = 12;
export const SPAN_ID_SALTED_BYTE = 4;

/** A bijective mix of a 32-bit counter, so salts look random (as real ids do) yet never repeat. */
export function saltFor(sendNumber: number): number {
  let x = (sendNumber + 1) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** The hex id a template id becomes for a given salt (the same rewrite the patchers do on bodies). */
export function saltHexId(hex: string, saltedByte: number, salt: number): string {
  let out = hex.slice(0, saltedByte * 2);
  for (let i = 0; i < 4; i++) {
    const byte = parseInt(hex.slice((saltedByte + i) * 2, (saltedByte + i) * 2 + 2), 16) ^ ((salt >>> (8 * i)) & 0xff);
    out += byte.toString(16).padStart(2, '0');
  }
  return out + hex.slice((saltedByte + 4) * 2);
}
