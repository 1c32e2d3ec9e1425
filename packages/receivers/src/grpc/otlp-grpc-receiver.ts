import { summarizeIngest } from '@skein/pipeline';
import { decodeOtlpProtobuf, encodeExportTraceResponseProtobuf } from '@skein/wire';
import { type GrpcReceiver, type GrpcReceiverOptions, startUnaryIngestGrpcServer } from './grpc-receiver.js';

export const OTLP_GRPC_RECEIVER = 'otlp-grpc';
export const OTLP_GRPC_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/**
 * OTLP/gRPC `TraceService/Export` (default port 4317). Answers as the OTLP spec says: an
 * ExportTraceServiceResponse, with `partial_success` when spans were rejected (or warnings
 * given); a malformed request gets INVALID_ARGUMENT, backpressure UNAVAILABLE with RetryInfo.
 */
export function startOtlpGrpcReceiver(opts: GrpcReceiverOptions): Promise<GrpcReceiver> {
  return startUnaryIngestGrpcServer(opts, {
    receiver: OTLP_GRPC_RECEIVER,
    path: OTLP_GRPC_EXPORT_PATH,
    async handle(request) {
      const result = await opts.pipeline.ingest(OTLP_GRPC_RECEIVER, decodeOtlpProtobuf(request));
      const response = encodeExportTraceResponseProtobuf({ rejectedSpans: result.rejected.length, errorMessage: summarizeIngest(result) });
      return { response, outcome: result.rejected.length > 0 ? 'partial' : 'ok' };
    },
  });
}
