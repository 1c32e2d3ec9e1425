/**
 * A growable output buffer for the Thrift writers: big- and little-endian numbers, varints
 * and UTF-8, doubling its capacity as needed.
 */
export class ByteSink {
  pos = 0;
  private buf: Buffer;
  private view: DataView;

  constructor(initialCapacity = 1024) {
    this.buf = Buffer.allocUnsafe(initialCapacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** The bytes written so far, copied into an exactly sized array. */
  finish(): Uint8Array {
    return new Uint8Array(this.buf.subarray(0, this.pos));
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

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < this.pos + n) capacity *= 2;
    const next = Buffer.allocUnsafe(capacity);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}
