/** Human-readable durations and times for nanosecond values (which arrive as decimal strings). */

const UNITS: ReadonlyArray<readonly [bigint, string]> = [
  [86_400_000_000_000n, 'd'],
  [3_600_000_000_000n, 'h'],
  [60_000_000_000n, 'min'],
  [1_000_000_000n, 's'],
  [1_000_000n, 'ms'],
  [1_000n, 'µs'],
];

/**
 * 1234567n → "1.23ms", 90s → "1.5min", 999 → "999ns". Three significant digits at most, so a
 * column of durations stays narrow; never rounds up into a wrong unit label ("1000ms").
 */
export function formatDuration(nanos: bigint | string | number): string {
  const n = typeof nanos === 'bigint' ? nanos : BigInt(typeof nanos === 'number' ? Math.round(nanos) : nanos);
  if (n < 0n) return `-${formatDuration(-n)}`;
  for (let i = 0; i < UNITS.length; i++) {
    const [size, unit] = UNITS[i]!;
    if (n >= size) {
      const v = Number(n) / Number(size);
      const text = v >= 100 ? v.toFixed(0) : v >= 10 ? trim(v.toFixed(1)) : trim(v.toFixed(2));
      // 999.9996ms rounds to "1000": say "1s" instead.
      const bigger = UNITS[i - 1];
      if (Number(text) >= 1000 && bigger && bigger[0] === size * 1000n) return `1${bigger[1]}`;
      return `${text}${unit}`;
    }
  }
  return `${n}ns`;
}

const trim = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Unix nanoseconds → local "2026-11-21 14:03:07.123" (milliseconds: enough to tell traces apart). */
export function formatTimestamp(nanos: bigint | string): string {
  const d = new Date(Number(BigInt(nanos) / 1_000_000n));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** "5s ago", "3min ago", "2h ago", "4d ago"; "in the future" for clock-skewed times. */
export function formatAge(nanos: bigint | string, nowMs: number = Date.now()): string {
  const ageMs = nowMs - Number(BigInt(nanos) / 1_000_000n);
  if (ageMs < 0) return 'in the future';
  const s = Math.floor(ageMs / 1000);
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/**
 * The short form of a trace id shown in lists (the full id is in the link and tooltip): its
 * first 8 hex digits, or, for a 64-bit id sent as 128 bits (16 leading zeros), the first 8 of
 * the low half, so such ids do not all read "00000000".
 */
export function shortTraceId(traceId: string): string {
  return (traceId.length === 32 && traceId.startsWith('0'.repeat(16)) ? traceId.slice(16) : traceId).slice(0, 8);
}
