/**
 * OpenTelemetry's consistent probability sampling compares a 56-bit randomness value R with a
 * rejection threshold T and samples when R >= T. R is the trace id's least-significant 56
 * bits (its last 14 hex digits), which W3C Trace Context Level 2 requires to be random and
 * OpenTelemetry samplers presume random, or an explicit `rv` value from the trace state.
 *
 * Both are compared as 14-digit hex text, digit by digit from the most significant: for
 * equal-length hex, text order is numeric order, and the first digit decides 15 times in 16,
 * so the hot path reads one or two characters instead of parsing 56 bits (which do not even
 * fit a double).
 */

const TWO_POW_24 = 2 ** 24;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_56 = 2 ** 56;

/**
 * The 14 lower-case hex digits (as character codes) of the rejection threshold for sampling
 * probability `p`: T = 2^56 - round(p * 2^56), the form OpenTelemetry's consistent samplers
 * use. Undefined when T = 2^56, a probability too small to sample anything. T is built from
 * a high 24-bit and a low 32-bit half because 2^56 - k is not exact in a double for small k.
 */
export function thresholdDigits(p: number): Uint8Array | undefined {
  const k = Math.round(p * TWO_POW_56);
  if (k <= 0) return undefined;
  const kHigh = Math.floor(k / TWO_POW_32);
  const kLow = k - kHigh * TWO_POW_32;
  const high = kLow > 0 ? TWO_POW_24 - kHigh - 1 : TWO_POW_24 - kHigh;
  const low = kLow > 0 ? TWO_POW_32 - kLow : 0;
  const hex = high.toString(16).padStart(6, '0') + low.toString(16).padStart(8, '0');
  const digits = new Uint8Array(14);
  for (let i = 0; i < 14; i++) digits[i] = hex.charCodeAt(i);
  return digits;
}

/**
 * True when the 14 hex digits of `text` starting at `offset` are >= the threshold. Upper-case
 * digits count as lower-case (`| 0x20` maps A-F to a-f and leaves 0-9 alone). The caller
 * checks the length; non-hex characters give some fixed answer, never an exception.
 */
export function randomnessAtLeast(text: string, offset: number, threshold: Uint8Array): boolean {
  for (let i = 0; i < 14; i++) {
    const c = text.charCodeAt(offset + i) | 0x20;
    const t = threshold[i]!;
    if (c !== t) return c > t;
  }
  return true;
}

/** Where the trace id's randomness starts: its last 14 of 32 hex digits. */
export const TRACE_ID_RANDOMNESS_OFFSET = 18;

/**
 * Where the 14-digit `rv` value starts inside the OpenTelemetry trace state entry
 * (`ot=...;rv:...`), or -1 when there is none or it is malformed.
 */
export function explicitRandomnessOffset(otEntry: string): number {
  let start: number;
  if (otEntry.startsWith('rv:')) start = 3;
  else {
    const at = otEntry.indexOf(';rv:');
    if (at < 0) return -1;
    start = at + 4;
  }
  const end = start + 14;
  if (otEntry.length < end || (otEntry.length > end && otEntry.charCodeAt(end) !== 59 /* ; */)) return -1;
  for (let i = start; i < end; i++) {
    const c = otEntry.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return -1; // the spec writes rv in lower case
  }
  return start;
}
