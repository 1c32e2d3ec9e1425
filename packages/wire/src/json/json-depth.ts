/**
 * How deeply a JSON text may nest before it is refused unread. OTLP needs about 10 levels
 * around a span plus 4 per level of attribute-value nesting (`value.kvlistValue.values[i]`),
 * so a payload at MAX_ANY_VALUE_DEPTH fits easily and anything past this is abuse. V8's
 * JSON.parse does not overflow on deep input, but it spends ~0.4 µs per level (a 10 MB body
 * of brackets takes seconds) and every later recursive walk would be at risk: checked first.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * True when the JSON text nests arrays/objects deeper than `max`. A single linear scan
 * without recursion, that skips string contents (so brackets inside strings do not count).
 * Malformed text is not judged here: JSON.parse reports it.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = closingQuote(text, i);
      if (i < 0) return false;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** Index of the quote that closes the string opened at `open`, or -1 if it never closes. */
function closingQuote(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q > 0) {
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 0x5c /* \ */; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}
