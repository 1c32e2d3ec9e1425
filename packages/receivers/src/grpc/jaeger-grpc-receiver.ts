import { summarizeIngest } from '@skein/pipeline';
import { decodeJaegerProtoPostSpans, encodeJaegerProtoPostSpansResponse } from '@skein/wire';
import { type GrpcReceiver, type GrpcReceiverOptions, startUnaryIngestGrpcServer } from './grpc-receiver.js';

export const JAEGER_GRPC_RECEIVER = 'jaeger-grpc';
export const JAEGER_GRPC_POST_SPANS_PATH = '/jaeger.api_v2.CollectorService/PostSpans';

/**
 * Jaeger gRPC `CollectorService/PostSpans` (default port 14250), what jaeger-agent and the
 * Jaeger exporters send. Errors map to gRPC codes as for OTLP/gRPC: INVALID_ARGUMENT for bad
 * input and INTERNAL for our bugs, as the Jaeger collector answers; one mapping for both ports,
 * so backpressure is UNAVAILABLE (retryable) on both. PostSpansResponse is empty and Jaeger
 * has no partial success: spans the pipeline rejects are counted (outcome `partial`) and logged
 * at debug, and the call still succeeds, as the Jaeger collector does with spans it drops.
 */
export function startJaegerGrpcReceiver(opts: GrpcReceiverOptions): Promise<GrpcReceiver> {
  return startUnaryIngestGrpcServer(opts, {
    receiver: JAEGER_GRPC_RECEIVER,
    path: JAEGER_GRPC_POST_SPANS_PATH,
    async handle(request) {
      const result = await opts.pipeline.ingest(JAEGER_GRPC_RECEIVER, decodeJaegerProtoPostSpans(request));
      if (result.rejected.length > 0) opts.logger?.debug?.({ rejected: result.rejected.length, received: result.received }, `${JAEGER_GRPC_RECEIVER}: ${summarizeIngest(result)}`);
      return { response: encodeJaegerProtoPostSpansResponse(), outcome: result.rejected.length > 0 ? 'partial' : 'ok' };
    },
  });
}
