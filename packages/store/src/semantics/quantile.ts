/**
 * Continuous quantile of ascending `sorted` values: linear interpolation between the two closest
 * ranks, as DuckDB's `quantile_cont` computes it (rank (n-1)·q, then lo + (hi - lo)·fraction in
 * doubles), so the memory store and the DuckDB store give the same number. NaN for no values.
 */
export function quantileCont(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (sorted.length - 1) * q;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const low = sorted[lo]!;
  if (lo === hi) return low;
  return low + (sorted[hi]! - low) * (rank - lo);
}

/** A percentile (a double) as whole nanoseconds: the nearest integer, halves rounded up. */
export function roundNanos(value: number): bigint {
  return Number.isFinite(value) ? BigInt(Math.round(value)) : 0n;
}
