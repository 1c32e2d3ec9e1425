import { SPAN_ID_SALTED_BYTE, TRACE_ID_SALTED_BYTE, type PatchPoints } from './patch-points.js';

const HEX = '0123456789abcdef';
const HEX_CODES = Uint8Array.from(HEX, (c) => c.charCodeAt(0));
const TIME_DIGITS = 19;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  throw new Error(`not a lowercase hex digit: ${String.fromCharCode(code)}`);
}

/** XORs the 4 bytes written as 8 hex characters at `offset` with the salt, byte i with salt byte i. */
function xorSaltHex(body: Buffer, offset: number, salt: number): void {
  for (let i = 0; i < 4; i++) {
    const at = offset + i * 2;
    const byte = ((hexValue(body[at]!) << 4) | hexValue(body[at + 1]!)) ^ ((salt >>> (8 * i)) & 0xff);
    body[at] = HEX_CODES[byte >>> 4]!;
    body[at + 1] = HEX_CODES[byte & 0xf]!;
  }
}

/** A shift in nanoseconds as 19 decimal digits, most significant first, for in-place addition. */
export function decimalShift(nanos: bigint): Uint8Array {
  if (nanos < 0n) throw new Error('time shifts move spans forward only');
  const text = nanos.toString().padStart(TIME_DIGITS, '0');
  if (text.length > TIME_DIGITS) throw new Error(`shift ${nanos} does not fit in ${TIME_DIGITS} digits`);
  return Uint8Array.from(text, (c) => c.charCodeAt(0) - 0x30);
}

/** Adds the shift to the 19-digit decimal at `offset`, keeping the width (the JSON body's length stays the same). */
function addDecimal(body: Buffer, offset: number, shift: Uint8Array): void {
  let carry = 0;
  for (let i = TIME_DIGITS - 1; i >= 0; i--) {
    const sum = body[offset + i]! - 0x30 + shift[i]! + carry;
    carry = sum >= 10 ? 1 : 0;
    body[offset + i] = 0x30 + (sum % 10);
  }
  if (carry !== 0) throw new Error('timestamp overflowed 19 digits');
}

/** A copy of an OTLP/JSON request with salted ids and timestamps moved by `shift`. */
export function patchJson(template: Buffer, points: PatchPoints, salt: number, shift: Uint8Array): Buffer {
  const body = Buffer.allocUnsafe(template.byteLength);
  template.copy(body);
  for (const o of points.traceIds) xorSaltHex(body, o + TRACE_ID_SALTED_BYTE * 2, salt);
  for (const o of points.spanIds) xorSaltHex(body, o + SPAN_ID_SALTED_BYTE * 2, salt);
  for (const o of points.times) addDecimal(body, o, shift);
  return body;
}
