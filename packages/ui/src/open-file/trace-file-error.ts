/**
 * What is wrong with a file the user opened, in words that point at the place: the message names
 * the JSON path of the first bad value (e.g. `resourceSpans[0].scopeSpans[1].spans[3].spanId`).
 */
export class TraceFileError extends Error {
  override readonly name = 'TraceFileError';
}

/** A short, safe rendering of a bad value for an error message. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
