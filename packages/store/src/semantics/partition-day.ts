/**
 * Stores partition spans by the UTC day of their start time. Retention drops whole days, so the
 * day is the unit both stores (and the contract suite) reason about. Names are 'YYYY-MM-DD'.
 */
export const NANOS_PER_DAY = 86_400_000_000_000n;

/** Day number since the Unix epoch (negative before 1970; floor division). */
export function dayNumberOfNanos(ns: bigint): number {
  let day = ns / NANOS_PER_DAY;
  if (ns < 0n && day * NANOS_PER_DAY !== ns) day -= 1n;
  return Number(day);
}

export function dayNameOfNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export const dayNameOfNanos = (ns: bigint): string => dayNameOfNumber(dayNumberOfNanos(ns));

export const dayStartNanos = (day: number): bigint => BigInt(day) * NANOS_PER_DAY;

/**
 * A day is kept while any part of it lies within `maxAgeNanos` of `nowNanos`; it may be dropped
 * once its end is at or before the cutoff (so retention never removes data younger than asked).
 */
export function isDayExpired(day: number, maxAgeNanos: bigint, nowNanos: bigint): boolean {
  return dayStartNanos(day + 1) <= nowNanos - maxAgeNanos;
}
