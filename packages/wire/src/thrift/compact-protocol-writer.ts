import { ByteSink } from './byte-sink.js';
import { COMPACT_PROTOCOL_ID, COMPACT_TYPE_SHIFT, COMPACT_VERSION, CType, ctypeOfTType } from './compact-types.js';
import { TType, type ThriftProtocolWriter } from './thrift-types.js';

/** TCompactProtocol writer (the inverse of CompactProtocolReader). */
export class CompactProtocolWriter implements ThriftProtocolWriter {
  private readonly out = new ByteSink();
  private readonly lastFieldIds: number[] = [];
  private lastFieldId = 0;
  /** A bool field's header waits for its value, which goes into the header's type nibble. */
  private pendingBoolFieldId: number | undefined;

  writeMessageBegin(name: string, type: number, seqid: number): void {
    this.out.byte(COMPACT_PROTOCOL_ID);
    this.out.byte(COMPACT_VERSION | ((type << COMPACT_TYPE_SHIFT) & 0xe0));
    this.out.varint32(seqid);
    this.writeString(name);
  }

  writeStructBegin(): void {
    this.lastFieldIds.push(this.lastFieldId);
    this.lastFieldId = 0;
  }

  writeStructEnd(): void {
    this.lastFieldId = this.lastFieldIds.pop() ?? 0;
  }

  writeFieldBegin(type: number, id: number): void {
    if (type === TType.BOOL) {
      this.pendingBoolFieldId = id;
      return;
    }
    this.fieldHeader(ctypeOfTType(type), id);
  }

  writeFieldEnd(): void {}

  writeFieldStop(): void {
    this.out.byte(CType.STOP);
  }

  writeListBegin(elementType: number, size: number): void {
    const c = ctypeOfTType(elementType);
    if (size < 15) this.out.byte((size << 4) | c);
    else {
      this.out.byte(0xf0 | c);
      this.out.varint32(size);
    }
  }

  writeListEnd(): void {}

  writeSetBegin(elementType: number, size: number): void {
    this.writeListBegin(elementType, size);
  }

  writeSetEnd(): void {}

  writeMapBegin(keyType: number, valueType: number, size: number): void {
    if (size === 0) return this.out.byte(0);
    this.out.varint32(size);
    this.out.byte((ctypeOfTType(keyType) << 4) | ctypeOfTType(valueType));
  }

  writeMapEnd(): void {}

  writeBool(value: boolean): void {
    const c = value ? CType.BOOLEAN_TRUE : CType.BOOLEAN_FALSE;
    const fieldId = this.pendingBoolFieldId;
    if (fieldId === undefined) return this.out.byte(c);
    this.pendingBoolFieldId = undefined;
    this.fieldHeader(c, fieldId);
  }

  writeByte(value: number): void {
    this.out.byte(value);
  }

  writeI16(value: number): void {
    this.out.varint32(zigzag32(value));
  }

  writeI32(value: number): void {
    this.out.varint32(zigzag32(value));
  }

  writeI64(value: bigint): void {
    const v = BigInt.asIntN(64, value);
    this.out.varint64((v << 1n) ^ (v >> 63n));
  }

  writeDouble(value: number): void {
    this.out.f64(value, true);
  }

  writeBinary(value: Uint8Array): void {
    this.out.varint32(value.length);
    this.out.bytes(value);
  }

  writeString(value: string): void {
    this.writeBinary(this.out.utf8(value));
  }

  finish(): Uint8Array {
    return this.out.finish();
  }

  /** Short form (delta in the high nibble) when the id is 1–15 above the previous field's. */
  private fieldHeader(ctype: number, id: number): void {
    const delta = id - this.lastFieldId;
    if (delta > 0 && delta <= 15) this.out.byte((delta << 4) | ctype);
    else {
      this.out.byte(ctype);
      this.writeI16(id);
    }
    this.lastFieldId = id;
  }
}

const zigzag32 = (n: number): number => ((n << 1) ^ (n >> 31)) >>> 0;
