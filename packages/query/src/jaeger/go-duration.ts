/**
 * Go's `time.ParseDuration`, which Jaeger uses for `minDuration`/`maxDuration` (and api_v3's
 * `query.duration_min/max`): a signed sequence of decimal numbers with units ns, us, µs, ms, s,
 * m, h ("300ms", "-1.5h", "2h45m"). No days. Errors carry Go's messages, since Jaeger passes them
 * through to the client.
 */
export type GoDurationResult = { ok: true; nanos: bigint } | { ok: false; message: string };

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_NANOS = (1n << 63n) - 1n;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function parseGoDuration(text: string): GoDurationResult {
  const invalid = (): GoDurationResult => ({ ok: false, message: `time: invalid duration ${goQuote(text)}` });
  let s = text;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanos: 0n };
  if (s === '') return invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid();
    let i = 0;
    while (isDigit(s[i])) i++;
    const whole = s.slice(0, i);
    s = s.slice(i);
    let fraction = '';
    if (s[0] === '.') {
      let j = 1;
      while (isDigit(s[j])) j++;
      fraction = s.slice(1, j);
      s = s.slice(j);
    }
    if (whole === '' && fraction === '') return invalid();
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) return { ok: false, message: `time: missing unit in duration ${goQuote(text)}` };
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = UNIT_NANOS[unitName];
    if (unit === undefined) return { ok: false, message: `time: unknown unit ${goQuote(unitName)} in duration ${goQuote(text)}` };
    const wholeValue = whole === '' ? 0n : BigInt(whole);
    // Fractions are truncated to whole nanoseconds, as Go does.
    const fractionValue = fraction === '' ? 0n : (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    total += wholeValue * unit + fractionValue;
    if (total > MAX_NANOS + (negative ? 1n : 0n)) return invalid();
  }
  return { ok: true, nanos: negative ? -total : total };
}

/** Go's strconv.Quote for the printable ASCII that durations contain; JSON quoting otherwise. */
const goQuote = (s: string): string => JSON.stringify(s);
