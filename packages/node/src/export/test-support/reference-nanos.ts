const UINT64_MAX = (1n << 64n) - 1n;

/**
 * Exact reference for ms → ns with BigInt: the double's exact value times 1e6, rounded half up,
 * clamped to [0, 2^64 - 1]. Slow; for tests only.
 */
export function referenceNanos(ms: number): bigint {
  if (!(ms > 0)) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, ms);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  let result: bigint;
  if (exponent >= 0) {
    result = (mantissa * 1_000_000n) << BigInt(exponent);
  } else {
    const twice = mantissa * 1_000_000n * 2n;
    result = (twice / (1n << BigInt(-exponent)) + 1n) / 2n;
  }
  return result > UINT64_MAX ? UINT64_MAX : result;
}

/** The same instant as OpenTelemetry's HrTime [seconds, nanoseconds]. */
export function referenceHrTime(ms: number): [number, number] {
  const ns = referenceNanos(ms);
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}
