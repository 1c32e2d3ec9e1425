import { asBuffer } from '../otlp/buffer-slices.js';
import { decodeShortString } from '../otlp/short-string-cache.js';
import { ANNOTATION_TYPE, type AnnotationTypeName } from './zipkin-v1-span.js';

/**
 * Typed v1 binary annotation values → tag text. Zipkin's current readers keep only STRING
 * values (and true BOOL address annotations) and drop the rest; Skein loses nothing, so the
 * other types become text the way Zipkin's own v1 → v2 conversion did while it still read them
 * (zipkin.internal.V2SpanConverter, Zipkin 2.x): BOOL → "true"/"false", BYTES → base64url,
 * I16/I32/I64 → decimal, DOUBLE → Java's `Double.toString`.
 */
export function thriftValueText(type: number, value: Uint8Array): string {
  if (type === ANNOTATION_TYPE.STRING) return utf8Text(value);
  const b = asBuffer(value);
  switch (type) {
    case ANNOTATION_TYPE.BOOL:
      return b[0] === 1 ? 'true' : 'false';
    case ANNOTATION_TYPE.I16:
      if (b.length >= 2) return String(b.readInt16BE(0));
      break;
    case ANNOTATION_TYPE.I32:
      if (b.length >= 4) return String(b.readInt32BE(0));
      break;
    case ANNOTATION_TYPE.I64:
      if (b.length >= 8) return String(b.readBigInt64BE(0));
      break;
    case ANNOTATION_TYPE.DOUBLE:
      if (b.length >= 8) return javaDoubleToString(b.readDoubleBE(0));
      break;
  }
  // BYTES, an unknown type, or a number too short for its type: the bytes themselves, as text.
  return base64UrlPadded(b);
}

/** Short values are decoded from here: copying a few bytes costs less than wrapping each one in a Buffer. */
const SCRATCH = Buffer.alloc(256);

/** UTF-8 text (invalid sequences become U+FFFD), through the short-string cache: tag values repeat. */
function utf8Text(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n === 0) return '';
  if (n > SCRATCH.length) return asBuffer(bytes).toString('utf8');
  SCRATCH.set(bytes);
  return decodeShortString(SCRATCH, 0, n);
}

/**
 * The same for the v1 JSON form, where Zipkin 1.x wrote `"type"` beside any value that was not a
 * STRING or BOOL: numbers for I16/I32/I64/DOUBLE, base64 for BYTES. A value that does not fit its
 * declared type is kept as sent rather than dropped.
 */
export function jsonValueText(type: AnnotationTypeName | undefined, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') {
    if (type === 'BYTES') return base64UrlPadded(Buffer.from(value, 'base64')); // both alphabets read
    return value;
  }
  switch (type) {
    case 'I16':
      return integerText(value, 16);
    case 'I32':
      return integerText(value, 32);
    case 'I64':
      return integerText(value, 64);
    case 'DOUBLE':
      return javaDoubleToString(value);
    default:
      return String(value); // a number with no type: its JSON text
  }
}

/** Java's narrowing of a JSON number to an integer of `bits` (Zipkin read them with `nextDouble`). */
function integerText(n: number, bits: 16 | 32 | 64): string {
  if (!Number.isFinite(n)) return String(n);
  return String(BigInt.asIntN(bits, BigInt(Math.trunc(n))));
}

/** Base64 with the URL-safe alphabet and padding, as Zipkin's `writeBase64Url` writes it. */
export function base64UrlPadded(bytes: Uint8Array): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  return s + '='.repeat((4 - (s.length % 4)) % 4);
}

/**
 * Java's `Double.toString`: plain decimal with at least one fraction digit for magnitudes in
 * [1e-3, 1e7), otherwise "computerized scientific notation" (`1.0E-4`, `1.2345E21`). Both use the
 * shortest digits that identify the double (JDK 19+), as JavaScript's own formatting does.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const s = String(d); // JavaScript uses no exponent in this range
    return s.includes('.') ? s : `${s}.0`;
  }
  let [mantissa, exponent] = d.toExponential().split('e') as [string, string];
  // Java prints at least two digits, choosing the two closest to the exact value: a shortest
  // form of one digit becomes d.0, except near the subnormal limit (Double.MIN_VALUE is 4.9E-324).
  if (!mantissa.includes('.')) [mantissa, exponent] = d.toExponential(1).split('e') as [string, string];
  return `${mantissa}E${exponent.replace('+', '')}`;
}
