/**
 * Zipkin tags arrive as a JSON object (v2 JSON), map entries (proto3) or binary annotations (v1),
 * and Skein maps them with the semantics of a JavaScript object built from them: a repeated key
 * keeps its first place and its last value, and keys that are array indices ("0", "200") come
 * first, in numeric order. Building a real object per span is the slow part of decoding, so the
 * tags travel as parallel key/value arrays (ZipkinSpanParts) and this puts them in that order.
 *
 * The usual case (a few dozen keys, none repeated, none starting with a digit) is recognised
 * with one loop and left as it is. Anything else goes through a real object, so the result is
 * the object's order by construction; above SMALL keys that path is also the cheaper one.
 */
const SMALL = 32;

export function putTagsInObjectOrder(keys: string[], values: string[]): void {
  if (keys.length <= SMALL && !needsObject(keys)) return;
  const object = Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
  const ordered = Object.keys(object);
  for (let i = 0; i < ordered.length; i++) {
    keys[i] = ordered[i]!;
    values[i] = object[ordered[i]!]!;
  }
  keys.length = ordered.length;
  values.length = ordered.length;
}

/** A repeated key, or one that may be an array index (any key starting with a digit). */
function needsObject(keys: readonly string[]): boolean {
  // Bit (length % 32) is set once a key of that length was seen: only then can a key repeat one.
  let lengthsSeen = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const first = key.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) return true;
    const length = key.length;
    const bit = 1 << (length & 31);
    if ((lengthsSeen & bit) !== 0) {
      for (let j = 0; j < i; j++) if (keys[j] === key) return true;
    }
    lengthsSeen |= bit;
  }
  return false;
}
