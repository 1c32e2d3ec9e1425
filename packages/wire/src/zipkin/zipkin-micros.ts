/**
 * Zipkin counts epoch microseconds; the model keeps nanoseconds. Whole microseconds convert
 * exactly; a fractional part (some clients send decimals) is kept to the nanosecond.
 */
export function microsToNanosExact(us: number): bigint {
  if (Number.isInteger(us)) return BigInt(us) * 1000n;
  const whole = Math.trunc(us);
  return BigInt(whole) * 1000n + BigInt(Math.round((us - whole) * 1000));
}

/** Whole microseconds, truncated (the OpenTelemetry exporters' rule), as a JSON-safe number. */
export const nanosToWholeMicros = (ns: bigint): number => Number(ns / 1000n);
