/**
 * Apache Thrift's type ids (TType, as in every Thrift library) and message types. The readers
 * and writers speak these ids whatever their wire encoding: the compact protocol's own type
 * nibbles are translated at its edge, so decoders are written once for both protocols.
 */
export const TType = { STOP: 0, VOID: 1, BOOL: 2, BYTE: 3, DOUBLE: 4, I16: 6, I32: 8, I64: 10, STRING: 11, STRUCT: 12, MAP: 13, SET: 14, LIST: 15 } as const;

export const TMessageType = { CALL: 1, REPLY: 2, EXCEPTION: 3, ONEWAY: 4 } as const;

export interface ThriftMessageHeader {
  readonly name: string;
  readonly type: number;
  readonly seqid: number;
}

export interface ThriftFieldHeader {
  /** `TType.STOP` ends the struct (its id is then 0). */
  readonly type: number;
  readonly id: number;
}

export interface ThriftListHeader {
  readonly elementType: number;
  readonly size: number;
}

export interface ThriftMapHeader {
  readonly keyType: number;
  readonly valueType: number;
  readonly size: number;
}

/**
 * Reads one Thrift-encoded buffer. Every read is bounds-checked: truncated or lying input
 * throws SkeinError SKEIN_ERR_MALFORMED_THRIFT, a container whose size could not fit in the
 * bytes left is refused before anything is allocated, and `skip` is depth-limited.
 */
export interface ThriftProtocolReader {
  readMessageBegin(): ThriftMessageHeader;
  readStructBegin(): void;
  readStructEnd(): void;
  /** Type STOP ends the struct. */
  readFieldBegin(): ThriftFieldHeader;
  readFieldEnd(): void;
  readListBegin(): ThriftListHeader;
  readListEnd(): void;
  readSetBegin(): ThriftListHeader;
  readSetEnd(): void;
  readMapBegin(): ThriftMapHeader;
  readMapEnd(): void;
  readBool(): boolean;
  /** Thrift's `byte` is a signed 8-bit integer. */
  readByte(): number;
  readI16(): number;
  readI32(): number;
  readI64(): bigint;
  readDouble(): number;
  /** A copy: the input buffer is not retained. */
  readBinary(): Uint8Array;
  /** UTF-8 (invalid sequences become U+FFFD). */
  readString(): string;
  /** Skips one value of `type` (a whole struct or container included), nesting bounded. */
  skip(type: number): void;
  /** Bytes not yet read. */
  remaining(): number;
}

/** Writes one Thrift message or struct; `finish` returns the bytes written. */
export interface ThriftProtocolWriter {
  writeMessageBegin(name: string, type: number, seqid: number): void;
  writeStructBegin(): void;
  writeStructEnd(): void;
  writeFieldBegin(type: number, id: number): void;
  writeFieldEnd(): void;
  writeFieldStop(): void;
  writeListBegin(elementType: number, size: number): void;
  writeListEnd(): void;
  writeSetBegin(elementType: number, size: number): void;
  writeSetEnd(): void;
  writeMapBegin(keyType: number, valueType: number, size: number): void;
  writeMapEnd(): void;
  writeBool(value: boolean): void;
  writeByte(value: number): void;
  writeI16(value: number): void;
  writeI32(value: number): void;
  writeI64(value: bigint): void;
  writeDouble(value: number): void;
  writeBinary(value: Uint8Array): void;
  writeString(value: string): void;
  finish(): Uint8Array;
}
