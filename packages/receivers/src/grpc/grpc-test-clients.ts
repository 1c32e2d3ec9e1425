import { connect, constants as h2 } from 'node:http2';
import { Client, credentials, Metadata, type ChannelOptions, type ServiceError } from '@grpc/grpc-js';
import { decodeRpcStatusWithDetails, type RpcStatusWithDetails } from './rpc-status-details.js';

/**
 * Clients for the gRPC receivers' tests (not exported from the package): grpc-js with raw
 * serializers, as a real client would call, and a bare HTTP/2 one that sends hand-built frames
 * (gzip by hand, decompression bombs) that grpc-js would never produce.
 */

export type UnaryResult = { readonly ok: true; readonly response: Buffer } | { readonly ok: false; readonly error: ServiceError };

const passBytes = (b: Buffer): Buffer => b;

/** One unary call through grpc-js; the channel is closed afterwards. */
export function grpcUnaryCall(address: string, path: string, body: Uint8Array, channelOptions: ChannelOptions = {}): Promise<UnaryResult> {
  const client = new Client(address, credentials.createInsecure(), channelOptions);
  return new Promise<UnaryResult>((resolve) => {
    client.makeUnaryRequest(path, passBytes, passBytes, Buffer.from(body), new Metadata(), {}, (error, response) => {
      resolve(error ? { ok: false, error } : { ok: true, response: response ?? Buffer.alloc(0) });
    });
  }).finally(() => client.close());
}

/** The `grpc-status-details-bin` trailer of a failed call, decoded. */
export function statusDetailsOf(error: ServiceError): RpcStatusWithDetails | undefined {
  const value = error.metadata.get('grpc-status-details-bin')[0];
  return value instanceof Buffer ? decodeRpcStatusWithDetails(value) : undefined;
}

/** A gRPC length-prefixed message: compressed flag, 4-byte big-endian length, message. */
export function grpcFrame(message: Uint8Array, compressed: boolean): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.byteLength);
  frame.writeUInt8(compressed ? 1 : 0, 0);
  frame.writeUInt32BE(message.byteLength, 1);
  frame.set(message, 5);
  return frame;
}

export interface RawGrpcAnswer {
  readonly grpcStatus: number;
  readonly grpcMessage: string;
  /** Response messages' frames, concatenated. */
  readonly body: Buffer;
}

/** POSTs `frame` to `path` over a fresh HTTP/2 connection and reads the gRPC status (trailers or trailers-only). */
export function rawGrpcCall(address: string, path: string, frame: Uint8Array, headers: Record<string, string> = {}): Promise<RawGrpcAnswer> {
  const session = connect(`http://${address}`);
  return new Promise<RawGrpcAnswer>((resolve, reject) => {
    session.on('error', reject);
    const req = session.request({
      [h2.HTTP2_HEADER_METHOD]: 'POST',
      [h2.HTTP2_HEADER_PATH]: path,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let message = '';
    const take = (h: Record<string, unknown>): void => {
      if (h['grpc-status'] !== undefined) status = String(h['grpc-status']);
      if (h['grpc-message'] !== undefined) message = decodeURIComponent(String(h['grpc-message']));
    };
    req.on('response', take);
    req.on('trailers', take);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      if (status === undefined) reject(new Error('no grpc-status in the answer'));
      else resolve({ grpcStatus: Number(status), grpcMessage: message, body: Buffer.concat(chunks) });
    });
    req.end(frame);
  }).finally(() => session.close());
}
