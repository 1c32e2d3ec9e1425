import type { AnyValue, Attribute, SpanEvent, SpanLink } from '@skein/model';

/**
 * A compact binary encoding for the rarely searched, variable-shaped parts of a span: events,
 * links, non-scalar attribute values (bytes, arrays, key/value lists) and resource/scope
 * attributes. Searchable parts live in typed columns; this only has to be lossless and small.
 *
 * Layout: unsigned LEB128 varints for counts and lengths, zigzag varints for int64, IEEE-754
 * little endian for doubles, UTF-8 strings (UTF-16 code units for the rare string with a lone
 * surrogate, which UTF-8 would replace).
 */
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when UTF-8 cannot carry the string exactly (a lone surrogate would become U+FFFD). */
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);

export class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  varint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  bigVarint(n: bigint): void {
    // zigzag for signed 64-bit values, then LEB128
    let z = n >= 0n ? n << 1n : ((-n) << 1n) - 1n;
    this.ensure(19);
    while (z >= 0x80n) {
      this.buf[this.pos++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    this.buf[this.pos++] = Number(z);
  }

  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** UTF-8 (flag bit 0) when well formed; UTF-16 code units (flag bit 1) when it has lone surrogates. */
  string(s: string): void {
    if (!hasLoneSurrogate(s)) {
      const utf8 = utf8Encoder.encode(s);
      this.varint(utf8.length * 2);
      this.ensure(utf8.length);
      this.buf.set(utf8, this.pos);
      this.pos += utf8.length;
      return;
    }
    this.varint(s.length * 2 + 1);
    this.ensure(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.buf[this.pos++] = c & 0xff;
      this.buf[this.pos++] = c >> 8;
    }
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export class ByteReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw new Error('binary codec: unexpected end of data');
    return this.buf[this.pos++]!;
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }

  bigVarint(): bigint {
    let z = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      z |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7n;
    }
    return z & 1n ? -((z + 1n) >> 1n) : z >> 1n;
  }

  double(): number {
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  string(): string {
    const header = this.varint();
    const len = Math.floor(header / 2);
    if (header % 2 === 0) {
      if (this.pos + len > this.buf.length) throw new Error('binary codec: string past end of data');
      const s = utf8Decoder.decode(this.buf.subarray(this.pos, this.pos + len));
      this.pos += len;
      return s;
    }
    const end = this.pos + len * 2;
    if (end > this.buf.length) throw new Error('binary codec: string past end of data');
    // Decode in slices: String.fromCharCode takes a bounded argument count.
    let out = '';
    const codes: number[] = [];
    for (let i = this.pos; i < end; i += 2) {
      codes.push(this.buf[i]! | (this.buf[i + 1]! << 8));
      if (codes.length === 4096) {
        out += String.fromCharCode(...codes);
        codes.length = 0;
      }
    }
    this.pos = end;
    return out + String.fromCharCode(...codes);
  }

  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.buf.length) throw new Error('binary codec: bytes past end of data');
    const out = this.buf.slice(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

const TAG = { string: 1, int: 2, double: 3, bool: 4, bytes: 5, array: 6, kvlist: 7 } as const;

export function writeAnyValue(w: ByteWriter, v: AnyValue): void {
  w.byte(TAG[v.type]);
  switch (v.type) {
    case 'string':
      return w.string(v.value);
    case 'int':
      return w.bigVarint(v.value);
    case 'double':
      return w.double(v.value);
    case 'bool':
      return w.byte(v.value ? 1 : 0);
    case 'bytes':
      return w.bytes(v.value);
    case 'array':
      w.varint(v.value.length);
      for (const item of v.value) writeAnyValue(w, item);
      return;
    case 'kvlist':
      return writeAttributes(w, v.value);
  }
}

export function readAnyValue(r: ByteReader): AnyValue {
  const tag = r.byte();
  switch (tag) {
    case TAG.string:
      return { type: 'string', value: r.string() };
    case TAG.int:
      return { type: 'int', value: r.bigVarint() };
    case TAG.double:
      return { type: 'double', value: r.double() };
    case TAG.bool:
      return { type: 'bool', value: r.byte() === 1 };
    case TAG.bytes:
      return { type: 'bytes', value: r.bytes() };
    case TAG.array: {
      const n = r.varint();
      const items: AnyValue[] = [];
      for (let i = 0; i < n; i++) items.push(readAnyValue(r));
      return { type: 'array', value: items };
    }
    case TAG.kvlist:
      return { type: 'kvlist', value: readAttributes(r) };
    default:
      throw new Error(`binary codec: unknown value tag ${tag}`);
  }
}

export function writeAttributes(w: ByteWriter, attrs: readonly Attribute[]): void {
  w.varint(attrs.length);
  for (const a of attrs) {
    w.string(a.key);
    writeAnyValue(w, a.value);
  }
}

export function readAttributes(r: ByteReader): Attribute[] {
  const n = r.varint();
  const out: Attribute[] = [];
  for (let i = 0; i < n; i++) {
    const key = r.string();
    out.push({ key, value: readAnyValue(r) });
  }
  return out;
}

export const encodeAnyValue = (v: AnyValue): Uint8Array => {
  const w = new ByteWriter();
  writeAnyValue(w, v);
  return w.finish();
};
export const decodeAnyValue = (b: Uint8Array): AnyValue => readAnyValue(new ByteReader(b));

export const encodeAttributes = (attrs: readonly Attribute[]): Uint8Array => {
  const w = new ByteWriter();
  writeAttributes(w, attrs);
  return w.finish();
};
export const decodeAttributes = (b: Uint8Array): Attribute[] => readAttributes(new ByteReader(b));

/** Events, with times stored relative to the span start (small numbers, often negative-free). */
export function encodeEvents(events: readonly SpanEvent[], spanStart: bigint): Uint8Array {
  const w = new ByteWriter();
  w.varint(events.length);
  for (const e of events) {
    w.bigVarint(e.timeUnixNano - spanStart);
    w.string(e.name);
    writeAttributes(w, e.attributes);
    w.varint(e.droppedAttributesCount);
  }
  return w.finish();
}

export function decodeEvents(b: Uint8Array, spanStart: bigint): SpanEvent[] {
  const r = new ByteReader(b);
  const n = r.varint();
  const out: SpanEvent[] = [];
  for (let i = 0; i < n; i++) {
    const timeUnixNano = spanStart + r.bigVarint();
    const name = r.string();
    const attributes = readAttributes(r);
    out.push({ timeUnixNano, name, attributes, droppedAttributesCount: r.varint() });
  }
  return out;
}

export function encodeLinks(links: readonly SpanLink[]): Uint8Array {
  const w = new ByteWriter();
  w.varint(links.length);
  for (const l of links) {
    w.string(l.traceId);
    w.string(l.spanId);
    w.string(l.traceState);
    writeAttributes(w, l.attributes);
    w.varint(l.droppedAttributesCount);
    w.varint(l.flags);
  }
  return w.finish();
}

export function decodeLinks(b: Uint8Array): SpanLink[] {
  const r = new ByteReader(b);
  const n = r.varint();
  const out: SpanLink[] = [];
  for (let i = 0; i < n; i++) {
    const traceId = r.string();
    const spanId = r.string();
    const traceState = r.string();
    const attributes = readAttributes(r);
    const droppedAttributesCount = r.varint();
    out.push({ traceId, spanId, traceState, attributes, droppedAttributesCount, flags: r.varint() });
  }
  return out;
}
