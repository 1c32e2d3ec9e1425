/** Conversions between the units the wire formats use. Skein keeps Unix nanoseconds (bigint). */
export const NANOS_PER_MICRO = 1000n;
export const NANOS_PER_MILLI = 1_000_000n;
export const NANOS_PER_SECOND = 1_000_000_000n;

export const microsToNanos = (us: number | bigint): bigint => BigInt(us) * NANOS_PER_MICRO;
export const millisToNanos = (ms: number | bigint): bigint => BigInt(ms) * NANOS_PER_MILLI;
/** Truncates to whole microseconds, as a number (safe until year 2255). */
export const nanosToMicros = (ns: bigint): number => Number(ns / NANOS_PER_MICRO);
export const nanosToMillis = (ns: bigint): number => Number(ns / NANOS_PER_MILLI);
export const nowNanos = (): bigint => BigInt(Date.now()) * NANOS_PER_MILLI;

/**
 * Parses a duration like "7d", "12h", "90m", "30s", "1.5s", "250ms", "100us"/"100µs", "10ns",
 * and Go-style compounds ("1h30m"). Returns nanoseconds or undefined when it does not parse.
 */
export function parseDuration(text: string): bigint | undefined {
  const s = text.trim();
  if (s === '0') return 0n;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h|d|w)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * UNIT_NANOS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (matched !== s.length || matched === 0) return undefined;
  return BigInt(Math.round(total));
}

const UNIT_NANOS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 7 * 86400e9,
};

/** Formats nanoseconds for people: "17.43ms", "2.002s", "850µs". */
export function formatDuration(ns: bigint): string {
  const n = Number(ns);
  if (n < 1e3) return `${n}ns`;
  if (n < 1e6) return `${trim(n / 1e3)}µs`;
  if (n < 1e9) return `${trim(n / 1e6)}ms`;
  if (n < 60e9) return `${trim(n / 1e9)}s`;
  const minutes = Math.floor(n / 60e9);
  return `${minutes}m${trim((n - minutes * 60e9) / 1e9)}s`;
}

const trim = (x: number): string => (Math.round(x * 100) / 100).toString();
