import { SPAN_ID_SALTED_BYTE, TRACE_ID_SALTED_BYTE, type PatchPoints } from './patch-points.js';

/** A 64-bit nanosecond shift as two 32-bit halves (cheaper per timestamp than BigInt). */
export interface TimeShift {
  readonly low: number;
  readonly high: number;
}

export function timeShift(nanos: bigint): TimeShift {
  if (nanos < 0n) throw new Error('time shifts move spans forward only');
  return { low: Number(nanos & 0xffffffffn), high: Number((nanos >> 32n) & 0xffffffffn) };
}

/** XORs byte i of the 4 bytes at `offset` with byte i of the salt (little-endian, as saltHexId does). */
function xorSalt(body: Buffer, offset: number, salt: number): void {
  body.writeUInt32LE((body.readUInt32LE(offset) ^ salt) >>> 0, offset);
}

/** A copy of an encoded protobuf request with salted ids and timestamps moved by `shift`. */
export function patchProtobuf(template: Uint8Array, points: PatchPoints, salt: number, shift: TimeShift): Buffer {
  const body = Buffer.allocUnsafe(template.byteLength);
  body.set(template);
  for (const o of points.traceIds) xorSalt(body, o + TRACE_ID_SALTED_BYTE, salt);
  for (const o of points.spanIds) xorSalt(body, o + SPAN_ID_SALTED_BYTE, salt);
  for (const o of points.times) {
    const low = body.readUInt32LE(o) + shift.low;
    const high = body.readUInt32LE(o + 4) + shift.high + (low > 0xffffffff ? 1 : 0);
    body.writeUInt32LE(low >>> 0, o);
    body.writeUInt32LE(high >>> 0, o + 4);
  }
  return body;
}
