import { GrowableBuffer } from '../bytes/growable-buffer.js';

/**
 * The Thrift writers' output: big- and little-endian numbers, varints and UTF-8.
 */
export class ByteSink extends GrowableBuffer {
  constructor(initialCapacity = 1024) {
    super(initialCapacity);
  }

  byte(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value & 0xff;
  }

  i16be(value: number): void {
    this.ensure(2);
    this.view.setInt16(this.pos, value);
    this.pos += 2;
  }

  i32be(value: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, value);
    this.pos += 4;
  }

  i64be(value: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.pos, BigInt.asIntN(64, value));
    this.pos += 8;
  }

  f64(value: number, littleEndian: boolean): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, littleEndian);
    this.pos += 8;
  }

  bytes(value: Uint8Array): void {
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** An unsigned varint of up to 32 bits. */
  varint32(value: number): void {
    this.ensure(5);
    let v = value >>> 0;
    while (v > 0x7f) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }

  /** An unsigned varint of up to 64 bits. */
  varint64(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    if (v < 0x80000000n) return this.varint32(Number(v));
    this.ensure(10);
    while (v > 0x7fn) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  utf8(value: string): Uint8Array {
    return Buffer.from(value, 'utf8');
  }
}
