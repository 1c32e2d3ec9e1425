/**
 * The output buffer under Skein's hand-written encoders (protobuf and Thrift): bytes are
 * written at `pos` into a Buffer that doubles when full, and `finish` copies out exactly what
 * was written. Subclasses add the format's own writes, calling `ensure` first.
 */
export class GrowableBuffer {
  pos = 0;
  protected buf: Buffer;
  protected view: DataView;

  constructor(initialCapacity: number) {
    this.buf = Buffer.allocUnsafe(initialCapacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** The bytes written so far, copied into an exactly sized array. */
  finish(): Uint8Array {
    return new Uint8Array(this.buf.subarray(0, this.pos));
  }

  /** Room for `n` more bytes at `pos`. */
  protected ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < this.pos + n) capacity *= 2;
    const next = Buffer.allocUnsafe(capacity);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}
