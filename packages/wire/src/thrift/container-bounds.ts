import { TType } from './thrift-types.js';
import { malformedThrift } from './thrift-errors.js';

/** The fewest bytes one value of each type takes in a protocol; 0 = not a value type. */
export type MinValueBytes = (type: number) => number;

/** TBinaryProtocol: fixed-width numbers, i32 length prefixes, container headers of 5 or 6 bytes. */
export const binaryMinValueBytes: MinValueBytes = (type) => {
  switch (type) {
    case TType.BOOL:
    case TType.BYTE:
    case TType.STRUCT: // a bare STOP
      return 1;
    case TType.I16:
      return 2;
    case TType.I32:
    case TType.STRING:
      return 4;
    case TType.I64:
    case TType.DOUBLE:
      return 8;
    case TType.LIST:
    case TType.SET:
      return 5;
    case TType.MAP:
      return 6;
    default:
      return 0;
  }
};

/** TCompactProtocol: varints take at least a byte; doubles are always 8. */
export const compactMinValueBytes: MinValueBytes = (type) => {
  switch (type) {
    case TType.DOUBLE:
      return 8;
    case TType.BOOL:
    case TType.BYTE:
    case TType.I16:
    case TType.I32:
    case TType.I64:
    case TType.STRING:
    case TType.STRUCT:
    case TType.LIST:
    case TType.SET:
    case TType.MAP:
      return 1;
    default:
      return 0;
  }
};

/**
 * Refuses a container header that cannot be true: a negative size, an element type that is
 * not a value type, or more elements than the bytes left could hold. This is what keeps a
 * 12-byte payload claiming 2^31 elements from allocating (or looping) anything.
 */
export function checkContainerSize(size: number, bytesPerElement: number, remaining: number, what: string, pos: number): void {
  if (size < 0) throw malformedThrift(`negative ${what} size ${size}`, pos);
  if (size === 0) return;
  if (bytesPerElement === 0) throw malformedThrift(`${what} of an invalid element type`, pos);
  if (size * bytesPerElement > remaining) throw malformedThrift(`${what} of ${size} elements does not fit in the ${remaining} bytes left`, pos);
}
