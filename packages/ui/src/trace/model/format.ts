/**
 * An absolute Unix-nanosecond time in UTC with microseconds, for span details where two spans a
 * few µs apart must be told apart (the shared formatTimestamp stops at milliseconds, local time).
 */
export function formatPreciseUtc(unixNano: bigint): string {
  const ms = unixNano / 1_000_000n;
  const micros = Number((unixNano / 1_000n) % 1_000n);
  const iso = new Date(Number(ms)).toISOString(); // 2026-01-02T03:04:05.678Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${String(micros < 0 ? 0 : micros).padStart(3, '0')} UTC`;
}
