import { utf8Slice } from './buffer-slices.js';

/** Strings up to this many bytes are cached; longer ones are rarely repeated verbatim. */
const MAX_CACHED_BYTES = 48;
const SLOTS = 4096; // power of two
const SLOT_MASK = SLOTS - 1;

/**
 * A fixed-size, direct-mapped cache from UTF-8 bytes to the string they decode to.
 *
 * Why: attribute keys and most short values repeat across spans ("http.request.method",
 * "GET", service names), and turning bytes into a JS string is the largest cost of protobuf
 * decoding (each native utf8Slice call costs ~80 ns on the reference machine). Hashing and
 * comparing a short byte run in JS is cheaper, and repeated keys then share one string.
 * Memory is bounded (SLOTS × MAX_CACHED_BYTES), a colliding entry is simply replaced, and a
 * hit is only taken after a full byte comparison, so the cache can never return a wrong string.
 */
const cachedBytes = new Uint8Array(SLOTS * MAX_CACHED_BYTES);
const cachedLengths = new Int32Array(SLOTS).fill(-1);
const cachedStrings: string[] = new Array<string>(SLOTS).fill('');

export function decodeShortString(buf: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_CACHED_BYTES) return utf8Slice(buf, start, end);
  let hash = 0x811c9dc5 ^ length;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
  const slot = (hash ^ (hash >>> 15)) & SLOT_MASK;
  const base = slot * MAX_CACHED_BYTES;
  if (cachedLengths[slot] === length) {
    let i = 0;
    while (i < length && cachedBytes[base + i] === buf[start + i]) i++;
    if (i === length) return cachedStrings[slot]!;
  }
  const s = utf8Slice(buf, start, end);
  cachedBytes.set(buf.subarray(start, end), base);
  cachedLengths[slot] = length;
  cachedStrings[slot] = s;
  return s;
}
