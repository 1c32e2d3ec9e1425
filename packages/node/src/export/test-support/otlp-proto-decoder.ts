/**
 * A small schema-driven protobuf decoder for tests: decodes an OTLP ExportTraceServiceRequest
 * into plain objects with proto3 defaults filled in (so "field left out" and "field written as
 * zero" decode alike), ids as hex and 64-bit numbers as decimal strings. It is strict where
 * an encoder bug would hide: wrong wire types, truncated or over-long fields, non-minimal
 * varints and trailing bytes all throw.
 */

export type FieldType = 'string' | 'bytes' | 'uint32' | 'int64' | 'fixed64' | 'fixed32' | 'double' | 'bool' | 'enum' | 'message';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly repeated?: boolean;
  /** Part of a oneof: no default is filled in when absent. */
  readonly oneof?: boolean;
  readonly message?: string;
}

type MessageSpec = Readonly<Record<number, FieldSpec>>;

export const SCHEMA: Readonly<Record<string, MessageSpec>> = {
  ExportTraceServiceRequest: { 1: { name: 'resourceSpans', type: 'message', repeated: true, message: 'ResourceSpans' } },
  ResourceSpans: {
    1: { name: 'resource', type: 'message', message: 'Resource' },
    2: { name: 'scopeSpans', type: 'message', repeated: true, message: 'ScopeSpans' },
    3: { name: 'schemaUrl', type: 'string' },
  },
  Resource: {
    1: { name: 'attributes', type: 'message', repeated: true, message: 'KeyValue' },
    2: { name: 'droppedAttributesCount', type: 'uint32' },
  },
  ScopeSpans: {
    1: { name: 'scope', type: 'message', message: 'InstrumentationScope' },
    2: { name: 'spans', type: 'message', repeated: true, message: 'Span' },
    3: { name: 'schemaUrl', type: 'string' },
  },
  InstrumentationScope: {
    1: { name: 'name', type: 'string' },
    2: { name: 'version', type: 'string' },
    3: { name: 'attributes', type: 'message', repeated: true, message: 'KeyValue' },
    4: { name: 'droppedAttributesCount', type: 'uint32' },
  },
  Span: {
    1: { name: 'traceId', type: 'bytes' },
    2: { name: 'spanId', type: 'bytes' },
    3: { name: 'traceState', type: 'string' },
    4: { name: 'parentSpanId', type: 'bytes' },
    5: { name: 'name', type: 'string' },
    6: { name: 'kind', type: 'enum' },
    7: { name: 'startTimeUnixNano', type: 'fixed64' },
    8: { name: 'endTimeUnixNano', type: 'fixed64' },
    9: { name: 'attributes', type: 'message', repeated: true, message: 'KeyValue' },
    10: { name: 'droppedAttributesCount', type: 'uint32' },
    11: { name: 'events', type: 'message', repeated: true, message: 'Event' },
    12: { name: 'droppedEventsCount', type: 'uint32' },
    13: { name: 'links', type: 'message', repeated: true, message: 'Link' },
    14: { name: 'droppedLinksCount', type: 'uint32' },
    15: { name: 'status', type: 'message', message: 'Status' },
    16: { name: 'flags', type: 'fixed32' },
  },
  Event: {
    1: { name: 'timeUnixNano', type: 'fixed64' },
    2: { name: 'name', type: 'string' },
    3: { name: 'attributes', type: 'message', repeated: true, message: 'KeyValue' },
    4: { name: 'droppedAttributesCount', type: 'uint32' },
  },
  Link: {
    1: { name: 'traceId', type: 'bytes' },
    2: { name: 'spanId', type: 'bytes' },
    3: { name: 'traceState', type: 'string' },
    4: { name: 'attributes', type: 'message', repeated: true, message: 'KeyValue' },
    5: { name: 'droppedAttributesCount', type: 'uint32' },
    6: { name: 'flags', type: 'fixed32' },
  },
  Status: {
    2: { name: 'message', type: 'string' },
    3: { name: 'code', type: 'enum' },
  },
  KeyValue: {
    1: { name: 'key', type: 'string' },
    2: { name: 'value', type: 'message', message: 'AnyValue' },
  },
  AnyValue: {
    1: { name: 'stringValue', type: 'string', oneof: true },
    2: { name: 'boolValue', type: 'bool', oneof: true },
    3: { name: 'intValue', type: 'int64', oneof: true },
    4: { name: 'doubleValue', type: 'double', oneof: true },
    5: { name: 'arrayValue', type: 'message', message: 'ArrayValue', oneof: true },
    6: { name: 'kvlistValue', type: 'message', message: 'KeyValueList', oneof: true },
    7: { name: 'bytesValue', type: 'bytes', oneof: true },
  },
  ArrayValue: { 1: { name: 'values', type: 'message', repeated: true, message: 'AnyValue' } },
  KeyValueList: { 1: { name: 'values', type: 'message', repeated: true, message: 'KeyValue' } },
};

const WIRE_TYPE: Record<FieldType, number> = {
  string: 2, bytes: 2, message: 2, uint32: 0, int64: 0, bool: 0, enum: 0, fixed64: 1, double: 1, fixed32: 5,
};

export type Decoded = { [field: string]: unknown };

class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, pos: number, readonly end: number) {
    this.pos = pos;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    const start = this.pos;
    for (;;) {
      if (this.pos >= this.end) throw new Error(`truncated varint at ${start}`);
      const b = this.bytes[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        if (b === 0 && this.pos - start > 1) throw new Error(`non-minimal varint at ${start}`);
        return result;
      }
      shift += 7n;
      if (shift > 63n) throw new Error(`varint too long at ${start}`);
    }
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new Error(`field of ${n} bytes runs past the end at ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

export function defaultFor(spec: FieldSpec): unknown {
  if (spec.repeated) return [];
  switch (spec.type) {
    case 'string': return '';
    case 'bytes': return '';
    case 'bool': return false;
    case 'int64': case 'fixed64': return '0';
    case 'message': return decodeMessage(spec.message!, new Uint8Array(0));
    default: return 0;
  }
}

export function decodeMessage(type: string, bytes: Uint8Array): Decoded {
  const spec = SCHEMA[type];
  if (!spec) throw new Error(`no schema for ${type}`);
  const reader = new Reader(bytes, 0, bytes.length);
  const out: Decoded = {};
  while (reader.pos < reader.end) {
    const key = Number(reader.varint());
    const fieldNumber = key >>> 3;
    const wireType = key & 7;
    const field = spec[fieldNumber];
    if (!field) throw new Error(`${type}: unknown field ${fieldNumber}`);
    if (WIRE_TYPE[field.type] !== wireType) throw new Error(`${type}.${field.name}: wire type ${wireType}`);
    let value: unknown;
    switch (field.type) {
      case 'string': {
        const raw = reader.take(Number(reader.varint()));
        value = new TextDecoder('utf-8', { fatal: true }).decode(raw);
        break;
      }
      case 'bytes':
        value = Buffer.from(reader.take(Number(reader.varint()))).toString('hex');
        break;
      case 'message':
        value = decodeMessage(field.message!, reader.take(Number(reader.varint())));
        break;
      case 'uint32': case 'enum': {
        const v = reader.varint();
        if (v > 0xffffffffn) throw new Error(`${type}.${field.name}: ${v} exceeds 32 bits`);
        value = Number(v);
        break;
      }
      case 'bool':
        value = reader.varint() !== 0n;
        break;
      case 'int64':
        value = BigInt.asIntN(64, reader.varint()).toString();
        break;
      case 'fixed64': {
        const b = reader.take(8);
        value = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true).toString();
        break;
      }
      case 'double': {
        const b = reader.take(8);
        value = new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
        break;
      }
      case 'fixed32': {
        const b = reader.take(4);
        value = new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
        break;
      }
    }
    if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(value);
    else out[field.name] = value;
  }
  for (const field of Object.values(spec)) {
    if (!(field.name in out) && !field.oneof) out[field.name] = defaultFor(field);
  }
  return out;
}

/** Decodes an ExportTraceServiceRequest body. */
export function decodeTraceRequest(bytes: Uint8Array): Decoded {
  return decodeMessage('ExportTraceServiceRequest', bytes);
}
