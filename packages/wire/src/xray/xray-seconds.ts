/**
 * X-Ray times are epoch seconds as JSON floats (`1795234601.155`). The collector multiplies the
 * double by 1e9 (translator/time.go), but at ~1.8e18 ns a double is only good to ~256 ns and the
 * product's rounding shows up as stray nanoseconds. Instead the number is read back as the
 * shortest decimal text that denotes it (what `String(x)` gives, which for the up-to-16
 * significant digits X-Ray SDKs write is the text the client sent) and that decimal is scaled
 * exactly in bigint arithmetic. Microseconds therefore survive exactly; digits past the double's
 * precision (~0.2 µs at today's epoch) are as good as the client's double was.
 */
export function secondsToNanos(seconds: number): bigint {
  if (!Number.isFinite(seconds)) return 0n;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(seconds));
  if (!m) return 0n; // unreachable for finite numbers; 0 is an absurd time the pipeline rejects
  const digits = m[2]! + (m[3] ?? '');
  // Power of ten that turns `digits` into nanoseconds. JSON exponents stay within ±330, so the
  // powers built here are bounded.
  const exponent = Number(m[4] ?? 0) - (m[3]?.length ?? 0) + 9;
  let nanos: bigint;
  if (exponent >= 0) {
    nanos = BigInt(digits) * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    const whole = BigInt(digits);
    nanos = whole / divisor + ((whole % divisor) * 2n >= divisor ? 1n : 0n); // round half up
  }
  return m[1] === '-' ? -nanos : nanos;
}

/** Nanoseconds as the epoch-seconds double X-Ray writes (the nearest double to the exact decimal). */
export function nanosToSeconds(nanos: bigint): number {
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  const text = `${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, '0')}`;
  return negative ? -Number(text) : Number(text);
}
