import type { ServiceDefinition } from '@grpc/grpc-js';

/** Bytes in, bytes out: Skein decodes and encodes messages itself (no proto-loader, no protobufjs). */
const passBytes = (b: Buffer): Buffer => b;

/**
 * A grpc-js service definition with one unary method whose messages are raw protobuf bytes.
 * `path` is the full method path, `/package.Service/Method`. The server and the tests' clients
 * use the same definition.
 */
export function rawUnaryService(path: string): ServiceDefinition {
  const method = path.slice(path.lastIndexOf('/') + 1);
  return {
    [method]: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: passBytes,
      requestDeserialize: passBytes,
      responseSerialize: passBytes,
      responseDeserialize: passBytes,
      originalName: method.charAt(0).toLowerCase() + method.slice(1),
    },
  };
}
