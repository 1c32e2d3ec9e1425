import { TType } from './thrift-types.js';

/** TCompactProtocol's framing constants (Thrift's compact protocol spec, THRIFT-110). */
export const COMPACT_PROTOCOL_ID = 0x82;
export const COMPACT_VERSION = 1;
export const COMPACT_VERSION_MASK = 0x1f;
export const COMPACT_TYPE_SHIFT = 5;

/**
 * The compact protocol's 4-bit type codes. A bool field carries its value in the type
 * (TRUE 1, FALSE 2); in containers a bool element is one byte of the same codes.
 */
export const CType = { STOP: 0, BOOLEAN_TRUE: 1, BOOLEAN_FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 } as const;

/** Compact code → TType; -1 for a code that names no type. */
const TTYPE_OF_CTYPE: readonly number[] = [
  TType.STOP,
  TType.BOOL,
  TType.BOOL,
  TType.BYTE,
  TType.I16,
  TType.I32,
  TType.I64,
  TType.DOUBLE,
  TType.STRING,
  TType.LIST,
  TType.SET,
  TType.MAP,
  TType.STRUCT,
];

export const ttypeOfCType = (c: number): number => TTYPE_OF_CTYPE[c] ?? -1;

/** TType → compact code (BOOL as BOOLEAN_TRUE, what Thrift's writers use for container element types). */
export function ctypeOfTType(t: number): number {
  switch (t) {
    case TType.STOP:
      return CType.STOP;
    case TType.BOOL:
      return CType.BOOLEAN_TRUE;
    case TType.BYTE:
      return CType.BYTE;
    case TType.I16:
      return CType.I16;
    case TType.I32:
      return CType.I32;
    case TType.I64:
      return CType.I64;
    case TType.DOUBLE:
      return CType.DOUBLE;
    case TType.STRING:
      return CType.BINARY;
    case TType.LIST:
      return CType.LIST;
    case TType.SET:
      return CType.SET;
    case TType.MAP:
      return CType.MAP;
    case TType.STRUCT:
      return CType.STRUCT;
    default:
      throw new RangeError(`no compact type for TType ${t}`);
  }
}
