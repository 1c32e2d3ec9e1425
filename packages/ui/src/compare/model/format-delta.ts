import { formatDuration } from '../../shared/format.js';

/**
 * A duration change as people read it: "+80ms (+400%)", "−2.5ms (−12%)", "±0". The sign is
 * always shown (a bare "80ms" beside a duration reads as a duration, not a change); the
 * percentage only when there is a base to divide by.
 */
export function formatDelta(deltaNanos: number, ratio: number | undefined): string {
  if (deltaNanos === 0) return '±0';
  const sign = deltaNanos > 0 ? '+' : '−';
  const size = formatDuration(Math.abs(deltaNanos));
  return ratio === undefined || !Number.isFinite(ratio) ? `${sign}${size}` : `${sign}${size} (${formatPercent(ratio)})`;
}

/** 0.5 → "+50%", −0.123 → "−12%", 0.004 → "+0.4%", 12.3 → "+1230%": two significant digits below 10 %. */
export function formatPercent(ratio: number): string {
  const pct = Math.abs(ratio * 100);
  const text = pct >= 10 ? pct.toFixed(0) : pct >= 0.05 ? pct.toFixed(1).replace(/\.0$/, '') : '0';
  if (text === '0') return '±0%';
  return `${ratio > 0 ? '+' : '−'}${text}%`;
}
