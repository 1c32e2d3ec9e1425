import { CompactProtocolReader } from './compact-protocol-reader.js';
import { CompactProtocolWriter } from './compact-protocol-writer.js';
import type { ThriftIdReader } from './hex64.js';
import type { ThriftProtocolReader, ThriftProtocolWriter } from './thrift-types.js';

/** A TCompactProtocol reader over `bytes`, with `readI64Hex` for ids. */
export function compactProtocolReader(bytes: Uint8Array): ThriftProtocolReader & ThriftIdReader {
  return new CompactProtocolReader(bytes);
}

/** A TCompactProtocol writer. */
export function compactProtocolWriter(): ThriftProtocolWriter {
  return new CompactProtocolWriter();
}
