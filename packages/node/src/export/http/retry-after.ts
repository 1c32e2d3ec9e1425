/**
 * The delay a `Retry-After` header asks for, in ms: delta-seconds or an HTTP-date (RFC 9110
 * §10.2.3). Undefined when absent or unreadable; never negative.
 */
export function retryAfterMillis(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form names the month; without this, Date.parse reads "1.5" as a date.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
