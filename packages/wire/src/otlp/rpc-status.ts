import { ProtoWriter } from './proto-writer.js';

/**
 * google.rpc.Status {int32 code = 1; string message = 2;}: the error body OTLP/HTTP prescribes
 * for protobuf clients (and the status gRPC carries).
 */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  const w = new ProtoWriter(64 + message.length * 3);
  if (code !== 0) {
    w.uint32(0x08);
    w.int64(BigInt(code));
  }
  if (message) {
    w.uint32(0x12);
    w.string(message);
  }
  return w.finish();
}
