export {
  TType,
  TMessageType,
  type ThriftProtocolReader,
  type ThriftProtocolWriter,
  type ThriftMessageHeader,
  type ThriftFieldHeader,
  type ThriftListHeader,
  type ThriftMapHeader,
} from './thrift-types.js';
export { binaryProtocolReader, binaryProtocolWriter } from './binary-protocol.js';
export { compactProtocolReader, compactProtocolWriter } from './compact-protocol.js';
export { MAX_THRIFT_SKIP_DEPTH } from './skip-value.js';
export { type ThriftIdReader } from './hex64.js';
