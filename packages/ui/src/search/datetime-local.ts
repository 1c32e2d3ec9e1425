/**
 * `<input type="datetime-local">` speaks local wall-clock time without a zone
 * ("2026-11-21T14:03:07.123"); the URL and the API speak ISO 8601 instants. These convert.
 */
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isoToLocalInput(iso: string): string {
  const ms = Date.parse(iso);
  if (iso.trim() === '' || Number.isNaN(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** '' stays ''; a local time becomes the instant it names here (Date parses zone-less as local). */
export function localInputToIso(local: string): string {
  if (local.trim() === '') return '';
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? local : new Date(ms).toISOString();
}
