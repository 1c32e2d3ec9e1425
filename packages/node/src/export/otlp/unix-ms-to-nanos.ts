/**
 * Span times are float milliseconds since the epoch; OTLP wants integer nanoseconds (fixed64 in
 * protobuf, a decimal string in JSON). A double cannot hold today's time in ns exactly
 * (~1.7e18 > 2^53), and BigInt is too slow for the hot path, so the conversion splits the
 * value into parts that each stay exact:
 *
 *   ms = whole + frac                (both exact: frac = ms - floor(ms))
 *   ns = whole * 1e6 + round(frac * 1e6)
 *   whole = H * 2^32 + L             → ns = (H * 1e6) * 2^32 + (L * 1e6 + fracNs)
 *
 * L * 1e6 + fracNs < 2^53, so every step is exact integer arithmetic. The rounding is
 * "half up" on the exact value of frac * 1e6 (checked with an error-free product when the
 * float product lands exactly on .5). Negative and NaN times become 0; times past the uint64
 * range become the largest uint64.
 */

const TWO_POW_32 = 4294967296;
/** At or beyond this, the nanoseconds exceed uint64 (the exact edge is checked below it). */
const MAX_MS = 18446744073710;
/** Veltkamp splitter for doubles: 2^27 + 1. */
const SPLITTER = 134217729;

/** Rounds frac * 1e6 (0 ≤ frac < 1) half up, exactly. */
function fractionToNanos(frac: number): number {
  const product = frac * 1e6;
  const floor = Math.floor(product);
  const rest = product - floor; // exact
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  // The rounded product is exactly n + 0.5: the exact product decides. Dekker's two-product
  // gives the rounding error; 1e6 < 2^26 splits into itself, so only frac needs splitting.
  const c = SPLITTER * frac;
  const high = c - (c - frac);
  const low = frac - high;
  const error = high * 1e6 - product + low * 1e6;
  return error >= 0 ? floor + 1 : floor;
}

/** Writes ms as uint64 little-endian nanoseconds into buf[pos .. pos+8). */
export function writeUnixMsAsNanos(buf: Uint8Array, pos: number, ms: number): void {
  let lo = 0;
  let hi = 0;
  if (!(ms < MAX_MS)) {
    lo = ms > 0 ? 0xffffffff : 0; // +Infinity and beyond-range clamp; NaN → 0
    hi = lo;
  } else if (ms > 0) {
    const whole = Math.floor(ms);
    const lowPart = (whole % TWO_POW_32) * 1e6 + fractionToNanos(ms - whole);
    hi = Math.floor(whole / TWO_POW_32) * 1e6 + Math.floor(lowPart / TWO_POW_32);
    if (hi >= TWO_POW_32) {
      lo = 0xffffffff;
      hi = 0xffffffff;
    } else {
      lo = lowPart >>> 0; // ToUint32 is exact modulo 2^32 for integers below 2^53
    }
  }
  buf[pos] = lo;
  buf[pos + 1] = lo >>> 8;
  buf[pos + 2] = lo >>> 16;
  buf[pos + 3] = lo >>> 24;
  buf[pos + 4] = hi;
  buf[pos + 5] = hi >>> 8;
  buf[pos + 6] = hi >>> 16;
  buf[pos + 7] = hi >>> 24;
}

const UINT64_MAX = '18446744073709551615';
/** Nanoseconds after which whole * 1e6 + fracNs leaves uint64: compare in ms, then check. */
const MAX_WHOLE_MS = 18446744073709;

/** The same value as `writeUnixMsAsNanos`, as a decimal string (OTLP/JSON int64 fields). */
export function unixMsToNanosString(ms: number): string {
  if (!(ms > 0)) return '0';
  if (!(ms < MAX_MS)) return UINT64_MAX;
  let whole = Math.floor(ms);
  let fracNs = fractionToNanos(ms - whole);
  if (fracNs === 1e6) {
    whole += 1;
    fracNs = 0;
  }
  if (whole > MAX_WHOLE_MS || (whole === MAX_WHOLE_MS && fracNs > 551615)) return UINT64_MAX;
  if (whole === 0) return String(fracNs);
  const frac = String(fracNs);
  return String(whole) + '000000'.slice(frac.length) + frac;
}
