import { asBuffer } from '../otlp/buffer-slices.js';
import { decodeShortString } from '../otlp/short-string-cache.js';
import { COMPACT_PROTOCOL_ID, COMPACT_TYPE_SHIFT, COMPACT_VERSION, COMPACT_VERSION_MASK, CType, ttypeOfCType } from './compact-types.js';
import { checkContainerSize, compactMinValueBytes } from './container-bounds.js';
import { hex64, type ThriftIdReader } from './hex64.js';
import { skipThriftValue } from './skip-value.js';
import { malformedThrift, truncatedThrift } from './thrift-errors.js';
import { TType, type ThriftFieldHeader, type ThriftListHeader, type ThriftMapHeader, type ThriftMessageHeader, type ThriftProtocolReader } from './thrift-types.js';

const STOP_FIELD: ThriftFieldHeader = Object.freeze({ type: TType.STOP, id: 0 });
const TWO_POW_32 = 4294967296;

/**
 * TCompactProtocol (zigzag varints, field-id deltas, bools folded into field types), what the
 * Go, Java and Python Jaeger clients send to the agent port 6831.
 *
 * Hand-written for the same reasons as the binary reader; all reads are bounds-checked and
 * fail with SKEIN_ERR_MALFORMED_THRIFT.
 */
export class CompactProtocolReader implements ThriftProtocolReader, ThriftIdReader {
  private readonly buf: Buffer;
  private readonly view: DataView;
  private readonly len: number;
  private pos = 0;
  /** Field ids are deltas from the previous field of the same struct: one entry per open struct. */
  private readonly lastFieldIds: number[] = [];
  private lastFieldId = 0;
  /** A bool field's value, read with its header and handed out by the next `readBool`. */
  private pendingBool: boolean | undefined;
  /** The halves of the last 64-bit varint read. */
  private lo = 0;
  private hi = 0;

  constructor(bytes: Uint8Array) {
    this.buf = asBuffer(bytes);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.len = bytes.byteLength;
  }

  readMessageBegin(): ThriftMessageHeader {
    const at = this.pos;
    const protocolId = this.u8('message header');
    if (protocolId !== COMPACT_PROTOCOL_ID) throw malformedThrift(`not a compact protocol message (first byte 0x${protocolId.toString(16)})`, at);
    const versionAndType = this.u8('message header');
    const version = versionAndType & COMPACT_VERSION_MASK;
    if (version !== COMPACT_VERSION) throw malformedThrift(`bad compact protocol version ${version}`, at + 1);
    const type = (versionAndType >>> COMPACT_TYPE_SHIFT) & 0x07;
    const seqid = this.varint32() | 0;
    const name = this.readString();
    return { name, type, seqid };
  }

  readStructBegin(): void {
    this.lastFieldIds.push(this.lastFieldId);
    this.lastFieldId = 0;
  }

  readStructEnd(): void {
    this.lastFieldId = this.lastFieldIds.pop() ?? 0;
  }

  readFieldBegin(): ThriftFieldHeader {
    this.pendingBool = undefined;
    const at = this.pos;
    const header = this.u8('field header');
    const ctype = header & 0x0f;
    if (ctype === CType.STOP) return STOP_FIELD;
    const delta = header >>> 4;
    const id = delta === 0 ? this.readI16() : this.lastFieldId + delta;
    const type = ttypeOfCType(ctype);
    if (type < 0) throw malformedThrift(`unknown compact type ${ctype} for field ${id}`, at);
    if (ctype === CType.BOOLEAN_TRUE) this.pendingBool = true;
    else if (ctype === CType.BOOLEAN_FALSE) this.pendingBool = false;
    this.lastFieldId = id;
    return { type, id };
  }

  readFieldEnd(): void {}

  readListBegin(): ThriftListHeader {
    return this.collectionBegin('list');
  }

  readListEnd(): void {}

  readSetBegin(): ThriftListHeader {
    return this.collectionBegin('set');
  }

  readSetEnd(): void {}

  readMapBegin(): ThriftMapHeader {
    const size = this.varint32();
    if (size === 0) return { keyType: TType.STOP, valueType: TType.STOP, size: 0 };
    const at = this.pos;
    const types = this.u8('map header');
    const keyType = ttypeOfCType(types >>> 4);
    const valueType = ttypeOfCType(types & 0x0f);
    const k = compactMinValueBytes(keyType);
    const v = compactMinValueBytes(valueType);
    checkContainerSize(size, k === 0 || v === 0 ? 0 : k + v, this.len - this.pos, 'map', at);
    return { keyType, valueType, size };
  }

  readMapEnd(): void {}

  readBool(): boolean {
    const pending = this.pendingBool;
    if (pending !== undefined) {
      this.pendingBool = undefined;
      return pending;
    }
    return this.u8('bool') === CType.BOOLEAN_TRUE;
  }

  readByte(): number {
    return (this.u8('byte') << 24) >> 24;
  }

  readI16(): number {
    return (zigzag32(this.varint32()) << 16) >> 16;
  }

  readI32(): number {
    return zigzag32(this.varint32());
  }

  readI64(): bigint {
    const buf = this.buf;
    const pos = this.pos;
    // One-byte values (small ints, and -1..-64) are common in tags: no 64-bit arithmetic for them.
    if (pos < this.len && buf[pos]! < 0x80) {
      const b = buf[pos]!;
      this.pos = pos + 1;
      return BigInt((b >>> 1) ^ -(b & 1));
    }
    this.varint64();
    return zigzag64(this.lo, this.hi);
  }

  /** An i64 as the 16 hex chars of its unsigned value, un-zigzagged in 32-bit halves (no BigInt). */
  readI64Hex(): string {
    this.varint64();
    const lo = this.lo;
    const hi = this.hi;
    const sign = -(lo & 1);
    return hex64(((hi >>> 1) ^ sign) >>> 0, (((lo >>> 1) | (hi << 31)) ^ sign) >>> 0);
  }

  /** Doubles are the one fixed-width type, and little-endian (unlike the binary protocol). */
  readDouble(): number {
    const pos = this.pos;
    if (8 > this.len - pos) throw truncatedThrift('double', pos);
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  readBinary(): Uint8Array {
    const start = this.lengthPrefixed('binary');
    return new Uint8Array(this.buf.subarray(start, this.pos));
  }

  readString(): string {
    const start = this.lengthPrefixed('string');
    return start === this.pos ? '' : decodeShortString(this.buf, start, this.pos);
  }

  skip(type: number): void {
    skipThriftValue(this, type, 0, () => this.pos);
  }

  remaining(): number {
    return this.len - this.pos;
  }

  /** Size and type share a byte when the size is under 15; otherwise the size follows as a varint. */
  private collectionBegin(what: string): ThriftListHeader {
    const at = this.pos;
    const header = this.u8(`${what} header`);
    let size = header >>> 4;
    if (size === 15) size = this.varint32();
    const elementType = ttypeOfCType(header & 0x0f);
    checkContainerSize(size, compactMinValueBytes(elementType), this.len - this.pos, what, at);
    return { elementType, size };
  }

  /** Reads a varint length, reserves that many bytes, and returns where they start. */
  private lengthPrefixed(what: string): number {
    const n = this.varint32();
    const start = this.pos;
    if (n > this.len - start) throw truncatedThrift(what, start);
    this.pos = start + n;
    return start;
  }

  /** An unsigned varint of up to 32 bits (5 bytes); longer ones are malformed here. */
  private varint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= this.len) throw truncatedThrift('varint', pos);
      const b = buf[pos++]!;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw malformedThrift('32-bit varint longer than 5 bytes', pos);
  }

  /** A varint of up to 64 bits, left in `lo`/`hi` (unsigned 32-bit halves). */
  private varint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < 10; k++) {
      if (pos >= this.len) throw truncatedThrift('varint', pos);
      const b = buf[pos++]!;
      const bits = b & 0x7f;
      if (k < 4) lo |= bits << (7 * k);
      else if (k === 4) {
        lo |= bits << 28;
        hi = bits >>> 4;
      } else hi |= bits << (7 * k - 32);
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw malformedThrift('varint longer than 10 bytes', pos);
  }

  private u8(what: string): number {
    if (this.pos >= this.len) throw truncatedThrift(what, this.pos);
    return this.buf[this.pos++]!;
  }
}

const zigzag32 = (n: number): number => (n >>> 1) ^ -(n & 1);

function zigzag64(lo: number, hi: number): bigint {
  // Below 2^53 the unsigned value is an exact double: decode without BigInt shifts.
  if (hi < 0x200000) {
    const u = hi * TWO_POW_32 + lo;
    const half = Math.floor(u / 2);
    return BigInt(lo & 1 ? -half - 1 : half);
  }
  const u = (BigInt(hi) << 32n) | BigInt(lo);
  return BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n));
}
