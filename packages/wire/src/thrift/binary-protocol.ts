import { BinaryProtocolReader } from './binary-protocol-reader.js';
import { BinaryProtocolWriter } from './binary-protocol-writer.js';
import type { ThriftIdReader } from './hex64.js';
import type { ThriftProtocolReader, ThriftProtocolWriter } from './thrift-types.js';

/** A TBinaryProtocol reader over `bytes` (strict and non-strict message headers), with `readI64Hex` for ids. */
export function binaryProtocolReader(bytes: Uint8Array): ThriftProtocolReader & ThriftIdReader {
  return new BinaryProtocolReader(bytes);
}

/** A TBinaryProtocol writer (strict message headers). */
export function binaryProtocolWriter(): ThriftProtocolWriter {
  return new BinaryProtocolWriter();
}
