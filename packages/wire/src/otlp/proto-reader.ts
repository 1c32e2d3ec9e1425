import { SkeinError } from '@skein/model';
import { asBuffer, hexSlice, utf8Slice } from './buffer-slices.js';
import { WireType } from './otlp-schema.js';
import { decodeShortString } from './short-string-cache.js';

const TWO_POW_32 = 4294967296;
/** Above this, hi * 2^32 + lo no longer fits a double exactly. */
const SAFE_HI = 0x200000;

/**
 * A minimal protobuf wire-format reader over one buffer.
 *
 * Why not protobufjs: OTLP decode is Skein's ingest hot path. Reading the wire format directly
 * into the span model skips protobufjs's intermediate message objects and its Long → bigint
 * round trip, and lets ids go straight from bytes to hex. Every read is bounds-checked and
 * every failure is a SkeinError (SKEIN_ERR_MALFORMED_PROTOBUF), never a RangeError.
 *
 * Messages are read as `(reader, end)`: the caller obtains `end` from `lenEnd()`, loops
 * `while (r.pos < end)`, and calls `r.expectEnd(end)` to catch fields that overrun it.
 */
export class ProtoReader {
  readonly buf: Buffer;
  readonly len: number;
  pos = 0;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.buf = asBuffer(bytes);
    this.len = bytes.byteLength;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** A varint's low 32 bits, unsigned (uint32, enums, tags, lengths; int32 arrives sign-extended to 10 bytes). */
  uint32(): number {
    const buf = this.buf;
    const len = this.len;
    let pos = this.pos;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= len) throw truncated(pos);
      const b = buf[pos++]!;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    // Bytes 6 to 10 only carry bits above 32: skip them.
    for (let i = 5; i < 10; i++) {
      if (pos >= len) throw truncated(pos);
      if (buf[pos++]! < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw malformed(pos, 'varint longer than 10 bytes');
  }

  /** A varint int64 as bigint (two's complement, so -1 is ten 0xff-ish bytes). */
  int64(): bigint {
    const buf = this.buf;
    const len = this.len;
    let pos = this.pos;
    if (pos < len && buf[pos]! < 0x80) {
      this.pos = pos + 1;
      return BigInt(buf[pos]!);
    }
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < 10; k++) {
      if (pos >= len) throw truncated(pos);
      const b = buf[pos++]!;
      const bits = b & 0x7f;
      if (k < 4) lo |= bits << (7 * k);
      else if (k === 4) {
        lo |= bits << 28;
        hi = bits >>> 4;
      } else hi |= bits << (7 * k - 32);
      if (b < 0x80) {
        this.pos = pos;
        return int64FromParts(lo >>> 0, hi >>> 0);
      }
    }
    throw malformed(pos, 'varint longer than 10 bytes');
  }

  /** A varint read as a bool: any set bit means true, as protobuf decoders do. */
  bool(): boolean {
    const buf = this.buf;
    let pos = this.pos;
    let any = 0;
    for (let k = 0; k < 10; k++) {
      if (pos >= this.len) throw truncated(pos);
      const b = buf[pos++]!;
      any |= b & 0x7f;
      if (b < 0x80) {
        this.pos = pos;
        return any !== 0;
      }
    }
    throw malformed(pos, 'varint longer than 10 bytes');
  }

  fixed64(): bigint {
    const pos = this.pos;
    if (pos + 8 > this.len) throw truncated(this.len);
    this.pos = pos + 8;
    return this.view.getBigUint64(pos, true);
  }

  fixed32(): number {
    const pos = this.pos;
    if (pos + 4 > this.len) throw truncated(this.len);
    this.pos = pos + 4;
    return this.view.getUint32(pos, true);
  }

  double(): number {
    const pos = this.pos;
    if (pos + 8 > this.len) throw truncated(this.len);
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /** Reads a length prefix and returns where that field ends; it must end within `limit`. */
  lenEnd(limit: number): number {
    const n = this.uint32();
    if (n > limit - this.pos) throw truncated(limit);
    return this.pos + n;
  }

  /** A length-delimited field as UTF-8 text (invalid sequences become U+FFFD, as in protobufjs). */
  string(limit: number): string {
    const end = this.lenEnd(limit);
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : utf8Slice(this.buf, start, end);
  }

  /** Like `string`, through the short-string cache: for keys and values that repeat across spans. */
  cachedString(limit: number): string {
    const end = this.lenEnd(limit);
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : decodeShortString(this.buf, start, end);
  }

  /** A length-delimited bytes field as lowercase hex (ids), whatever its length. */
  hex(limit: number): string {
    const end = this.lenEnd(limit);
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : hexSlice(this.buf, start, end);
  }

  /** A length-delimited bytes field, copied (the request buffer is not retained). */
  bytes(limit: number): Uint8Array {
    const end = this.lenEnd(limit);
    const copy = this.buf.subarray(this.pos, end);
    this.pos = end;
    return new Uint8Array(copy);
  }

  /** Reads a tag, rejecting what no protobuf encoder emits (field 0, wire types 6 and 7). */
  tag(): number {
    const tag = this.uint32();
    const wireType = tag & 7;
    if (tag >>> 3 === 0 || wireType > WireType.I32) throw malformed(this.pos, `invalid tag ${tag}`);
    return tag;
  }

  /** Skips a field the schema does not know (or knows with another wire type), as protobuf requires. */
  skip(tag: number, limit: number): void {
    switch (tag & 7) {
      case WireType.VARINT:
        this.uint32();
        return;
      case WireType.I64:
        return this.advance(8, limit);
      case WireType.LEN:
        this.pos = this.lenEnd(limit);
        return;
      case WireType.I32:
        return this.advance(4, limit);
      case WireType.SGROUP:
        return this.skipGroup(tag >>> 3, limit);
      default:
        throw malformed(this.pos, `unexpected end-group tag for field ${tag >>> 3}`);
    }
  }

  /** Fails unless a message ended exactly where its length prefix said. */
  expectEnd(end: number): void {
    if (this.pos !== end) throw malformed(this.pos, 'a field overruns its enclosing message');
  }

  private advance(n: number, limit: number): void {
    if (n > limit - this.pos) throw truncated(limit);
    this.pos += n;
  }

  /** Deprecated proto2 groups, skipped iteratively so nesting depth cannot exhaust the stack. */
  private skipGroup(field: number, limit: number): void {
    const open = [field];
    while (open.length > 0) {
      if (this.pos >= limit) throw truncated(limit);
      const tag = this.tag();
      const wireType = tag & 7;
      if (wireType === WireType.SGROUP) open.push(tag >>> 3);
      else if (wireType === WireType.EGROUP) {
        if (open.pop() !== tag >>> 3) throw malformed(this.pos, 'mismatched end-group tag');
      } else this.skip(tag, limit);
    }
  }
}

function int64FromParts(lo: number, hi: number): bigint {
  if (hi === 0) return BigInt(lo);
  if (hi < SAFE_HI) return BigInt(hi * TWO_POW_32 + lo);
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

const truncated = (pos: number): SkeinError => new SkeinError('SKEIN_ERR_MALFORMED_PROTOBUF', `truncated message (at byte ${pos})`);
const malformed = (pos: number, detail: string): SkeinError => new SkeinError('SKEIN_ERR_MALFORMED_PROTOBUF', `${detail} (at byte ${pos})`);
