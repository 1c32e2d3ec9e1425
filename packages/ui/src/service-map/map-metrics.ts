/**
 * The numbers the map shows, derived from the API's counts: rates are counts over the window's
 * length (calls / window seconds), error rates are errors over counts. Pure, tested under node.
 */

/** Length of the map's window in seconds (never 0: an empty or inverted window counts as 1 s). */
export function windowSeconds(startNanos: string, endNanos: string): number {
  let span: bigint;
  try {
    span = BigInt(endNanos) - BigInt(startNanos);
  } catch {
    return 1;
  }
  const seconds = Number(span) / 1e9;
  return seconds >= 1 ? seconds : 1;
}

/** Events per second over the window. */
export const ratePerSecond = (count: number, seconds: number): number => (seconds > 0 ? count / seconds : 0);

/** Share of `count` in error, 0..1 (0 when nothing happened; clamped, the API may count oddly). */
export const errorRate = (errors: number, count: number): number => (count > 0 ? Math.min(1, Math.max(0, errors / count)) : 0);

const trimZeros = (s: string): string => (s.includes('.') && !s.includes('e') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/** Rates per second (`s`) or per minute (`min`, easier to read for quiet services). */
export type RateUnit = 's' | 'min';

/**
 * "12.3/s", "0.0056/s", "1.2k/s" (or "/min"): three significant digits from 1 up, two below (a
 * map over a long window has rates well under one per second, and they must not all read "0/s").
 */
export function formatRate(perSecond: number, unit: RateUnit = 's'): string {
  const suffix = `/${unit}`;
  const v = unit === 'min' ? perSecond * 60 : perSecond;
  if (!(v > 0)) return `0${suffix}`;
  if (v >= 1e6) return `${trimZeros((v / 1e6).toPrecision(3))}M${suffix}`;
  if (v >= 1e4) return `${trimZeros((v / 1e3).toPrecision(3))}k${suffix}`;
  if (v >= 100) return `${Math.round(v)}${suffix}`;
  if (v >= 1) return `${trimZeros(v.toPrecision(3))}${suffix}`;
  if (v < 1e-6) return `<0.000001${suffix}`;
  return `${trimZeros(v.toPrecision(2))}${suffix}`;
}

/** "0%", "<0.1%", "2.5%", "14%", "100%": never rounds a few errors down to "0%" or up to "100%". */
export function formatPercent(rate: number): string {
  if (!(rate > 0)) return '0%';
  if (rate >= 1) return '100%';
  const pct = rate * 100;
  if (pct < 0.1) return '<0.1%';
  if (pct < 10) return `${trimZeros(pct.toFixed(1))}%`;
  if (pct > 99 && pct < 100) return '>99%';
  return `${Math.round(pct)}%`;
}

/** "1 call", "12 calls". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
