import { ByteSink } from './byte-sink.js';
import { TType, type ThriftProtocolWriter } from './thrift-types.js';

const VERSION_1 = 0x80010000 | 0;

/** TBinaryProtocol writer; message headers are written strict (version word first), as every current client does. */
export class BinaryProtocolWriter implements ThriftProtocolWriter {
  private readonly out = new ByteSink();

  writeMessageBegin(name: string, type: number, seqid: number): void {
    this.out.i32be(VERSION_1 | (type & 0xff));
    this.writeString(name);
    this.out.i32be(seqid);
  }

  writeStructBegin(): void {}
  writeStructEnd(): void {}

  writeFieldBegin(type: number, id: number): void {
    this.out.byte(type);
    this.out.i16be(id);
  }

  writeFieldEnd(): void {}

  writeFieldStop(): void {
    this.out.byte(TType.STOP);
  }

  writeListBegin(elementType: number, size: number): void {
    this.out.byte(elementType);
    this.out.i32be(size);
  }

  writeListEnd(): void {}

  writeSetBegin(elementType: number, size: number): void {
    this.writeListBegin(elementType, size);
  }

  writeSetEnd(): void {}

  writeMapBegin(keyType: number, valueType: number, size: number): void {
    this.out.byte(keyType);
    this.out.byte(valueType);
    this.out.i32be(size);
  }

  writeMapEnd(): void {}

  writeBool(value: boolean): void {
    this.out.byte(value ? 1 : 0);
  }

  writeByte(value: number): void {
    this.out.byte(value);
  }

  writeI16(value: number): void {
    this.out.i16be(value);
  }

  writeI32(value: number): void {
    this.out.i32be(value);
  }

  writeI64(value: bigint): void {
    this.out.i64be(value);
  }

  writeDouble(value: number): void {
    this.out.f64(value, false);
  }

  writeBinary(value: Uint8Array): void {
    this.out.i32be(value.length);
    this.out.bytes(value);
  }

  writeString(value: string): void {
    this.writeBinary(this.out.utf8(value));
  }

  finish(): Uint8Array {
    return this.out.finish();
  }
}
