import { GrowableBuffer } from '../bytes/growable-buffer.js';

/** Buffer.prototype.utf8Write: what `buf.write(s, offset)` calls after checking its arguments. */
interface Utf8Writable {
  utf8Write(s: string, offset: number): number;
}
const hasUtf8Write = typeof (Buffer.prototype as unknown as Partial<Utf8Writable>).utf8Write === 'function';
const utf8Write: (buf: Buffer, s: string, offset: number) => number = hasUtf8Write
  ? (buf, s, offset) => (buf as unknown as Utf8Writable).utf8Write(s, offset)
  : (buf, s, offset) => buf.write(s, offset, 'utf8');

/** Strings this short are first tried as ASCII, written by a JS loop (2x faster than a native call). */
const ASCII_FAST_PATH_MAX = 127;

/**
 * A minimal protobuf wire-format writer (the counterpart of ProtoReader).
 *
 * Nested messages use `fork()`/`ldelim()`: fork reserves one byte for the length prefix and
 * ldelim fills it in, shifting the body when the length needs more bytes. Most OTLP
 * submessages (key/values, values) are under 128 bytes, so the shift is rare and one
 * pass suffices, with no size pre-computation.
 */
export class ProtoWriter extends GrowableBuffer {
  constructor(initialCapacity = 4096) {
    super(initialCapacity);
  }

  uint32(value: number): void {
    this.ensure(5);
    const buf = this.buf;
    let v = value >>> 0;
    let pos = this.pos;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** A varint int64 (negative values take ten bytes, as protobuf encodes them). */
  int64(value: bigint): void {
    if (value >= 0n && value < 0x80000000n) return this.uint32(Number(value));
    const u = BigInt.asUintN(64, value);
    this.varint64(Number(u & 0xffffffffn), Number(u >> 32n));
  }

  fixed64(value: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, value), true);
    this.pos += 8;
  }

  fixed32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
  }

  double(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** A length-delimited UTF-8 string (tag not included). */
  string(s: string): void {
    const n = s.length;
    if (n <= ASCII_FAST_PATH_MAX && this.tryAscii(s)) return;
    const bytes = Buffer.byteLength(s);
    this.uint32(bytes);
    this.ensure(bytes);
    this.pos += utf8Write(this.buf, s, this.pos);
  }

  /** A length-delimited bytes field from a hex string (ids); an odd trailing digit is dropped. */
  hex(hex: string): void {
    const n = hex.length >>> 1;
    this.uint32(n);
    this.ensure(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < 2 * n; i += 2) buf[pos++] = (HEX_VALUES[hex.charCodeAt(i) & 0x7f]! << 4) | HEX_VALUES[hex.charCodeAt(i + 1) & 0x7f]!;
    this.pos = pos;
  }

  bytes(bytes: Uint8Array): void {
    this.uint32(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Starts a length-delimited submessage; returns where its body starts, for `ldelim`. */
  fork(): number {
    this.ensure(1);
    this.pos += 1;
    return this.pos;
  }

  /** Ends the submessage started at `start`, writing its length prefix. */
  ldelim(start: number): void {
    const length = this.pos - start;
    if (length < 0x80) {
      this.buf[start - 1] = length;
      return;
    }
    const extra = varintSize(length) - 1;
    this.ensure(extra);
    this.buf.copyWithin(start + extra, start, this.pos);
    this.pos += extra;
    let p = start - 1;
    let v = length;
    while (v > 0x7f) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
  }

  private varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi > 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** Writes `s` with its one-byte length if it is all ASCII; leaves nothing written otherwise. */
  private tryAscii(s: string): boolean {
    const n = s.length;
    this.ensure(n + 1);
    const buf = this.buf;
    const start = this.pos;
    buf[start] = n;
    let pos = start + 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return false;
      buf[pos++] = c;
    }
    this.pos = pos;
    return true;
  }
}

const varintSize = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

/** Character code → hex digit value, for 0-9, a-f and A-F (others read as 0: callers pass valid hex ids). */
const HEX_VALUES = new Uint8Array(128);
for (let d = 0; d < 16; d++) {
  HEX_VALUES[d.toString(16).charCodeAt(0)] = d;
  HEX_VALUES[d.toString(16).toUpperCase().charCodeAt(0)] = d;
}
