import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import type { IngestPipeline } from '@skein/pipeline';
import { asSkeinError } from '../http/error-body.js';
import type { ReceiverObserver } from '../http/receiver-observer.js';
import { grpcErrorForSkeinError } from './grpc-error-status.js';
import { rawUnaryService } from './raw-unary-method.js';

/** The gRPC default (grpc-go, grpc-java, grpc-js) for the largest message a server accepts. */
export const DEFAULT_GRPC_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** How long `close()` lets in-flight calls finish before cutting connections. */
export const DEFAULT_GRPC_SHUTDOWN_GRACE_MS = 5_000;

export interface GrpcReceiver {
  readonly port: number;
  /** `host:port` as bound (`[v6]:port` for IPv6), the port being the real one when 0 was asked. */
  readonly address: string;
  /** Stops accepting, lets in-flight calls finish (bounded wait), then drops what remains. */
  close(): Promise<void>;
}

export interface GrpcReceiverLogger {
  error(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

export interface GrpcReceiverOptions {
  readonly host: string;
  /** 0 picks a free port (see `GrpcReceiver.port`). */
  readonly port: number;
  readonly pipeline: IngestPipeline;
  /**
   * Limit on one request message after decompression (grpc-js's `grpc.max_receive_message_length`,
   * which it checks while inflating, so a gzip bomb stops there). Over it: RESOURCE_EXHAUSTED.
   */
  readonly maxMessageBytes: number;
  readonly observer?: ReceiverObserver;
  readonly logger?: GrpcReceiverLogger;
  readonly shutdownGraceMs?: number;
}

/** What a receiver's handler returns: the response message and the outcome for metrics. */
export interface UnaryOutcome {
  readonly response: Uint8Array;
  readonly outcome: 'ok' | 'partial';
}

export interface UnaryIngestMethod {
  /** Receiver name for metrics (`otlp-grpc`, `jaeger-grpc`). */
  readonly receiver: string;
  /** Full method path, `/package.Service/Method`. */
  readonly path: string;
  /** Decodes, ingests and builds the response; throws (SkeinError) to fail the call. */
  handle(request: Buffer): Promise<UnaryOutcome>;
}

/**
 * A gRPC server with one unary method over raw bytes. Every failure of `handle` becomes a gRPC
 * status (see grpc-error-status.ts) and an observer outcome; an unknown method gets grpc-js's
 * UNIMPLEMENTED. Requests that grpc-js itself refuses before the handler runs (over the size
 * limit, undecompressable) are answered by grpc-js and not seen by the observer.
 */
export async function startUnaryIngestGrpcServer(opts: GrpcReceiverOptions, method: UnaryIngestMethod): Promise<GrpcReceiver> {
  const server = new Server({
    'grpc.max_receive_message_length': opts.maxMessageBytes,
  });
  const implementation = (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): void => {
    method.handle(call.request).then(
      ({ response, outcome }) => {
        opts.observer?.onRequest(method.receiver, outcome);
        callback(null, Buffer.from(response.buffer, response.byteOffset, response.byteLength));
      },
      (e: unknown) => {
        const err = asSkeinError(e);
        opts.observer?.onRequest(method.receiver, err.code);
        if (err.code === 'SKEIN_ERR_INTERNAL') opts.logger?.error({ err: e }, `${method.receiver} request failed`);
        callback(grpcErrorForSkeinError(err));
      },
    );
  };
  const service = rawUnaryService(method.path);
  server.addService(service, { [Object.keys(service)[0]!]: implementation });
  const port = await bind(server, bindTarget(opts.host, opts.port));
  return {
    port,
    address: bindTarget(opts.host, port),
    close: once(() => shutdown(server, opts.shutdownGraceMs ?? DEFAULT_GRPC_SHUTDOWN_GRACE_MS)),
  };
}

const bindTarget = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

function bind(server: Server, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(target, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
  });
}

/**
 * tryShutdown closes the listeners and lets each connection finish its open calls (GOAWAY);
 * a client that never finishes would hold it forever, hence the bounded wait, after which
 * forceShutdown cancels whatever is left.
 */
function shutdown(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
