/*
 * Hex checks for ids read from headers. Lookup tables and charCode loops instead of regular
 * expressions: they run on every incoming request, and a table lookup per character has no
 * backtracking and no allocation.
 */

/** Value of a lowercase hex digit by char code, -1 for anything else (including 'A'-'F'). */
const LOWER_HEX_VALUE = new Int8Array(128).fill(-1);
/** Value of a hex digit of either case by char code, -1 for anything else. */
const ANY_CASE_HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) {
  LOWER_HEX_VALUE[48 + i] = i;
  ANY_CASE_HEX_VALUE[48 + i] = i;
}
for (let i = 0; i < 6; i++) {
  LOWER_HEX_VALUE[97 + i] = 10 + i;
  ANY_CASE_HEX_VALUE[97 + i] = 10 + i;
  ANY_CASE_HEX_VALUE[65 + i] = 10 + i;
}

/** Two lowercase hex digits for every byte value: '00' … 'ff'. */
export const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const ZEROS = '00000000000000000000000000000000';

/** True when `s[start, end)` is non-empty and all lowercase hex digits. */
export function isLowerHex(s: string, start: number, end: number): boolean {
  if (end <= start || end > s.length) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || LOWER_HEX_VALUE[c]! < 0) return false;
  }
  return true;
}

/** True when `s[start, end)` is non-empty and all hex digits of either case. */
export function isAnyCaseHex(s: string, start: number, end: number): boolean {
  if (end <= start || end > s.length) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || ANY_CASE_HEX_VALUE[c]! < 0) return false;
  }
  return true;
}

/** True when every character of `s[start, end)` is '0'. */
export function isAllZeros(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) !== 48) return false;
  }
  return true;
}

/** The byte written as two lowercase hex digits at `s[at]`, or -1 when they are not that. */
export function lowerHexByteAt(s: string, at: number): number {
  if (at + 2 > s.length) return -1;
  const hi = s.charCodeAt(at);
  const lo = s.charCodeAt(at + 1);
  if (hi > 127 || lo > 127) return -1;
  const h = LOWER_HEX_VALUE[hi]!;
  const l = LOWER_HEX_VALUE[lo]!;
  return h < 0 || l < 0 ? -1 : (h << 4) | l;
}

/** The value of the hex digits (either case) in `s[start, end)`, at most 2 digits; -1 if not hex. */
export function smallHexValue(s: string, start: number, end: number): number {
  if (end <= start || end - start > 2) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const digit = c > 127 ? -1 : ANY_CASE_HEX_VALUE[c]!;
    if (digit < 0) return -1;
    value = (value << 4) | digit;
  }
  return value;
}

/** The value of one hex digit (either case) by char code, or -1. */
export function hexDigitValue(charCode: number): number {
  return charCode >= 0 && charCode < 128 ? ANY_CASE_HEX_VALUE[charCode]! : -1;
}

/** `id` left-padded with zeros to `width` characters (ids shorter than the width only). */
export function leftPadHex(id: string, width: number): string {
  return id.length >= width ? id : ZEROS.slice(0, width - id.length) + id;
}

/** A W3C-valid trace id: 32 lowercase hex digits, not all zero. */
export function isValidTraceId(id: unknown): boolean {
  return typeof id === 'string' && id.length === 32 && isLowerHex(id, 0, 32) && !isAllZeros(id, 0, 32);
}

/** A W3C-valid span id: 16 lowercase hex digits, not all zero. */
export function isValidSpanId(id: unknown): boolean {
  return typeof id === 'string' && id.length === 16 && isLowerHex(id, 0, 16) && !isAllZeros(id, 0, 16);
}
