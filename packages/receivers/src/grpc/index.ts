export {
  type GrpcReceiver,
  type GrpcReceiverLogger,
  type GrpcReceiverOptions,
  DEFAULT_GRPC_MAX_MESSAGE_BYTES,
  DEFAULT_GRPC_SHUTDOWN_GRACE_MS,
} from './grpc-receiver.js';
export { startOtlpGrpcReceiver, OTLP_GRPC_RECEIVER, OTLP_GRPC_EXPORT_PATH } from './otlp-grpc-receiver.js';
export { startJaegerGrpcReceiver, JAEGER_GRPC_RECEIVER, JAEGER_GRPC_POST_SPANS_PATH } from './jaeger-grpc-receiver.js';
export { grpcCodeForSkeinError, grpcErrorForSkeinError, SKEIN_ERROR_DOMAIN } from './grpc-error-status.js';
export {
  type RpcStatusDetail,
  type RpcStatusWithDetails,
  encodeRpcStatusWithDetails,
  decodeRpcStatusWithDetails,
  RETRY_INFO_TYPE_URL,
  ERROR_INFO_TYPE_URL,
} from './rpc-status-details.js';
