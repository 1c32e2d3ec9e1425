import { isUtf8 } from 'node:buffer';
import { hexDigitValue } from './hex.js';

/*
 * Percent-encoding for baggage keys and values (W3C baggage, Jaeger `uberctx-*`). Hand-written
 * rather than encodeURIComponent/decodeURIComponent because those throw (lone surrogates,
 * malformed escapes) and propagators must not; and because each format allows a different set
 * of raw characters. Both directions return the input string itself when nothing needs doing,
 * which is the common case.
 */

/** A table of the ASCII characters a format allows unescaped (1 = allowed). */
export type SafeCharTable = Uint8Array;

/** Builds a table from the characters listed, plus ASCII letters and digits. */
export function safeCharTable(extra: string): SafeCharTable {
  const table = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) table[c] = 1;
  for (let c = 65; c <= 90; c++) table[c] = 1;
  for (let c = 97; c <= 122; c++) table[c] = 1;
  for (let i = 0; i < extra.length; i++) table[extra.charCodeAt(i)] = 1;
  table[37] = 0; // '%' is the escape character: always escaped
  return table;
}

/** True when every character of `s[start, end)` is allowed raw by `safe`. */
export function isAllSafe(s: string, start: number, end: number, safe: SafeCharTable): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || safe[c] === 0) return false;
  }
  return true;
}

const UPPER_HEX = '0123456789ABCDEF';

/**
 * `s` with every character not in `safe` (and every '%') written as %XX escapes of its UTF-8
 * bytes. Lone surrogates become U+FFFD's bytes rather than throwing.
 */
export function percentEncode(s: string, safe: SafeCharTable): string {
  if (isAllSafe(s, 0, s.length, safe)) return s;
  const bytes = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(bytes.length * 3);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 128 && safe[b] === 1) {
      out[n++] = b;
    } else {
      out[n++] = 37;
      out[n++] = UPPER_HEX.charCodeAt(b >> 4);
      out[n++] = UPPER_HEX.charCodeAt(b & 15);
    }
  }
  return out.toString('latin1', 0, n);
}

/** Value of the escape's two hex digits at `s[at]`, or -1 when they are missing or not hex. */
function escapedByteAt(s: string, at: number): number {
  if (at + 2 > s.length) return -1;
  const hi = hexDigitValue(s.charCodeAt(at));
  const lo = hexDigitValue(s.charCodeAt(at + 1));
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

/**
 * Decodes %XX escapes as UTF-8. When `strict`, returns undefined if an escape is malformed
 * (`%zz`, `%4`) or the bytes are not valid UTF-8; otherwise malformed escapes stay as written
 * and invalid UTF-8 becomes U+FFFD (what W3C baggage prescribes).
 */
export function percentDecode(s: string, strict: boolean): string | undefined {
  const firstPercent = s.indexOf('%');
  if (firstPercent === -1) return s;
  // Escapes of ASCII bytes only (%20, %2C: the common case) cannot fail, so the native decoder
  // is safe. Anything else takes the byte path: letting decodeURIComponent throw would cost
  // microseconds per malformed value, which a hostile header could multiply.
  let wellFormed = true;
  let asciiOnly = true;
  for (let i = firstPercent; i < s.length; i++) {
    if (s.charCodeAt(i) !== 37) continue;
    const byte = escapedByteAt(s, i + 1);
    if (byte < 0) {
      wellFormed = false;
      break;
    }
    if (byte >= 0x80) asciiOnly = false;
    i += 2;
  }
  if (wellFormed && asciiOnly) return decodeURIComponent(s);
  if (strict && !wellFormed) return undefined;
  const bytes = decodeBytes(s, firstPercent);
  if (strict && !isUtf8(bytes)) return undefined;
  return bytes.toString('utf8');
}

/** The UTF-8 bytes `s` stands for: escapes decoded, malformed escapes and other characters kept. */
function decodeBytes(s: string, firstPercent: number): Buffer {
  const out = Buffer.allocUnsafe(s.length * 3);
  let n = out.write(s.slice(0, firstPercent), 0, 'utf8');
  for (let i = firstPercent; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37) {
      const byte = escapedByteAt(s, i + 1);
      if (byte >= 0) {
        out[n++] = byte;
        i += 2;
      } else {
        out[n++] = 37;
      }
    } else if (c < 128) {
      out[n++] = c;
    } else {
      // A non-ASCII character (a lenient carrier): keep it, surrogate pairs whole.
      const pairEnd = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
      n += out.write(s.slice(i, pairEnd), n, 'utf8');
      i = pairEnd - 1;
    }
  }
  return out.subarray(0, n);
}
