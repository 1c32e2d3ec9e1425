import { writeUnixMsAsNanos } from './unix-ms-to-nanos.js';

/** Nibble value of each UTF-16 code unit, -1 for non-hex characters (64 KiB: no range check). */
const HEX_NIBBLE = new Int8Array(65536).fill(-1);
for (let i = 0; i < 10; i++) HEX_NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_NIBBLE[65 + i] = 10 + i;
  HEX_NIBBLE[97 + i] = 10 + i;
}

/** Byte value of each pair of ASCII hex digits, indexed by (first << 7) | second; -1 if not hex. */
const HEX_PAIR = new Int16Array(128 * 128).fill(-1);
for (let a = 0; a < 128; a++) {
  for (let b = 0; b < 128; b++) {
    const high = HEX_NIBBLE[a]!;
    const low = HEX_NIBBLE[b]!;
    if (high >= 0 && low >= 0) HEX_PAIR[(a << 7) | b] = (high << 4) | low;
  }
}

interface BufferWithUtf8Write extends Buffer {
  /** Buffer's raw UTF-8 writer (what buf.write calls after validating its arguments). */
  utf8Write?(str: string, offset: number, length: number): number;
}

/** Writes UTF-8 through Buffer's raw writer when present: buf.write's argument checks cost more than short strings. */
function writeUtf8(buf: BufferWithUtf8Write, str: string, offset: number, length: number): number {
  return buf.utf8Write ? buf.utf8Write(str, offset, length) : buf.write(str, offset, length, 'utf8');
}

/**
 * A growable protobuf output buffer. Lengths of nested messages are written by backpatching:
 * `beginMessage(reserve)` leaves room for a `reserve`-byte length prefix, and `endMessage`
 * fills it in, moving the body when the real prefix needs more or fewer bytes (rare when the
 * reservation fits the message's usual size). This avoids a separate sizing pass, which would
 * have to measure every string twice.
 */
export class ProtoWriter {
  buf: Buffer;
  pos = 0;

  constructor(private readonly initialSize = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n + 1024));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /**
   * Hands over everything written since the last reset and starts a fresh buffer sized for a
   * similar output: cheaper than copying the result out of a reused buffer.
   */
  finish(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(Math.max(this.initialSize, this.pos + (this.pos >> 2)));
    this.pos = 0;
    return out;
  }

  /** One byte; callers have ensured room. Used for precomputed tags. */
  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** An unsigned varint below 2^32. */
  varint32(value: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    let v = value >>> 0;
    while (v > 127) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** A 64-bit varint from its two 32-bit halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    lo >>>= 0;
    hi >>>= 0;
    while (hi !== 0) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 127) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /**
   * An int64 varint for an integral double in [-2^63, 2^63): two's complement, so negative
   * numbers take 10 bytes (as protobuf's int64 does).
   */
  int64(value: number): void {
    if (value >= 0 && value < 2147483648) {
      this.varint32(value);
      return;
    }
    const magnitude = value < 0 ? -value : value;
    let hi = Math.floor(magnitude / 4294967296); // exact: power-of-two division of an integer
    let lo = magnitude - hi * 4294967296;
    if (value < 0) {
      lo = (~lo + 1) >>> 0;
      hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
    }
    this.varint64(lo, hi);
  }

  fixed32(value: number): void {
    this.ensure(4);
    const buf = this.buf;
    const pos = this.pos;
    buf[pos] = value;
    buf[pos + 1] = value >>> 8;
    buf[pos + 2] = value >>> 16;
    buf[pos + 3] = value >>> 24;
    this.pos = pos + 4;
  }

  double(value: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  /** Float ms since the epoch as fixed64 nanoseconds. */
  unixMsAsNanos(ms: number): void {
    this.ensure(8);
    writeUnixMsAsNanos(this.buf, this.pos, ms);
    this.pos += 8;
  }

  /** A length-prefixed UTF-8 string. */
  string(str: string): void {
    const length = str.length;
    if (length < 128) {
      // ASCII fast path: the byte length is the UTF-16 length, so the 1-byte prefix is known.
      // Write optimistically and OR the code units together: one check after the loop instead
      // of a branch per character; a non-ASCII string is then rewritten by the slow path.
      this.ensure(1 + length);
      const buf = this.buf;
      const start = this.pos + 1;
      let seen = 0;
      for (let i = 0; i < length; i++) {
        const c = str.charCodeAt(i);
        seen |= c;
        buf[start + i] = c;
      }
      if (seen < 0x80) {
        buf[start - 1] = length;
        this.pos = start + length;
        return;
      }
    }
    const bytes = Buffer.byteLength(str, 'utf8');
    this.varint32(bytes);
    this.ensure(bytes);
    this.pos += writeUtf8(this.buf, str, this.pos, bytes);
  }

  /** Length-prefixed raw bytes. */
  bytes(value: Uint8Array): void {
    this.varint32(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** Raw bytes with no prefix (a cached, already encoded field). */
  raw(value: Uint8Array): void {
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /**
   * A hex id as length-prefixed bytes (`byteLength` of them): trace ids 16, span ids 8. Ids
   * come from our id generator or a propagator that validated them; anything malformed still
   * encodes (bad digits as 0, short ids zero-padded) rather than throwing.
   */
  hexId(hex: string, byteLength: number): void {
    this.ensure(1 + byteLength);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = byteLength;
    if (hex.length === byteLength * 2) {
      // One table look-up per byte; `invalid` collects any non-hex pair (or non-ASCII unit),
      // in which case the careful path below rewrites the id.
      let invalid = 0;
      for (let i = 0; i < byteLength; i++) {
        const first = hex.charCodeAt(2 * i);
        const second = hex.charCodeAt(2 * i + 1);
        const value = HEX_PAIR[((first << 7) | second) & 0x3fff]!;
        invalid |= value | (0x7f - (first | second)); // negative for -1 or a non-ASCII unit
        buf[pos + i] = value;
      }
      if (invalid >= 0) {
        this.pos = pos + byteLength;
        return;
      }
      for (let i = 0; i < byteLength; i++) {
        const high = HEX_NIBBLE[hex.charCodeAt(2 * i)]!;
        const low = HEX_NIBBLE[hex.charCodeAt(2 * i + 1)]!;
        buf[pos + i] = (high | low) < 0 ? 0 : (high << 4) | low;
      }
      pos += byteLength;
    } else {
      if (hex.length % 2 === 1) hex = '0' + hex; // an odd digit count means a leading zero was lost
      for (let i = 0; i < byteLength; i++) buf[pos + i] = 0;
      const have = Math.min(hex.length >> 1, byteLength);
      const from = hex.length - have * 2;
      const into = pos + byteLength - have;
      for (let i = 0; i < have; i++) {
        const high = HEX_NIBBLE[hex.charCodeAt(from + i * 2)]!;
        const low = HEX_NIBBLE[hex.charCodeAt(from + i * 2 + 1)]!;
        buf[into + i] = (high | low) < 0 ? 0 : (high << 4) | low;
      }
      pos += byteLength;
    }
    this.pos = pos;
  }

  /**
   * Reserves `reserve` bytes for a length prefix and returns where the body starts; pass it,
   * with the same `reserve`, to `endMessage`.
   */
  beginMessage(reserve: number): number {
    this.ensure(reserve);
    this.pos += reserve;
    return this.pos;
  }

  endMessage(bodyStart: number, reserve: number): void {
    const length = this.pos - bodyStart;
    const needed = length < 0x80 ? 1 : length < 0x4000 ? 2 : length < 0x200000 ? 3 : length < 0x10000000 ? 4 : 5;
    if (needed !== reserve) {
      const shift = needed - reserve;
      if (shift > 0) this.ensure(shift);
      this.buf.copyWithin(bodyStart + shift, bodyStart, this.pos);
      this.pos += shift;
    }
    const buf = this.buf;
    let at = bodyStart - reserve;
    let v = length;
    while (v > 127) {
      buf[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[at] = v;
  }
}
