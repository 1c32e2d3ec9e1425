import { TType, type ThriftProtocolReader } from './thrift-types.js';
import { malformedThrift } from './thrift-errors.js';

/**
 * How deeply `skip` follows nested structs and containers. Real Thrift schemas nest a handful
 * of levels; a hostile payload nesting thousands would otherwise exhaust the stack.
 */
export const MAX_THRIFT_SKIP_DEPTH = 64;

/**
 * Skips one value through the reader's own methods, so it works for every protocol (a
 * compact bool field, whose value sits in the field header, included). Each step consumes at
 * least one byte and containers are size-checked on open, so this always terminates.
 */
export function skipThriftValue(r: ThriftProtocolReader, type: number, depth: number, pos: () => number): void {
  switch (type) {
    case TType.BOOL:
      r.readBool();
      return;
    case TType.BYTE:
      r.readByte();
      return;
    case TType.I16:
      r.readI16();
      return;
    case TType.I32:
      r.readI32();
      return;
    case TType.I64:
      r.readI64();
      return;
    case TType.DOUBLE:
      r.readDouble();
      return;
    case TType.STRING:
      r.readBinary();
      return;
  }
  if (depth >= MAX_THRIFT_SKIP_DEPTH) throw malformedThrift(`values nested more than ${MAX_THRIFT_SKIP_DEPTH} deep`, pos());
  switch (type) {
    case TType.STRUCT: {
      r.readStructBegin();
      for (;;) {
        const field = r.readFieldBegin();
        if (field.type === TType.STOP) break;
        skipThriftValue(r, field.type, depth + 1, pos);
        r.readFieldEnd();
      }
      r.readStructEnd();
      return;
    }
    case TType.LIST:
    case TType.SET: {
      const { elementType, size } = type === TType.LIST ? r.readListBegin() : r.readSetBegin();
      for (let i = 0; i < size; i++) skipThriftValue(r, elementType, depth + 1, pos);
      if (type === TType.LIST) r.readListEnd();
      else r.readSetEnd();
      return;
    }
    case TType.MAP: {
      const { keyType, valueType, size } = r.readMapBegin();
      for (let i = 0; i < size; i++) {
        skipThriftValue(r, keyType, depth + 1, pos);
        skipThriftValue(r, valueType, depth + 1, pos);
      }
      r.readMapEnd();
      return;
    }
    default:
      throw malformedThrift(`unknown Thrift type ${type}`, pos());
  }
}
