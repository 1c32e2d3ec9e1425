import { Metadata, status as GrpcStatus, type ServerErrorResponse } from '@grpc/grpc-js';
import type { SkeinError } from '@skein/model';
import { encodeRpcStatusWithDetails, type RpcStatusDetail } from './rpc-status-details.js';

/** `google.rpc.ErrorInfo.domain` for Skein's codes. */
export const SKEIN_ERROR_DOMAIN = 'skein.dev';

/**
 * The gRPC status code for a Skein error, following the OTLP/gRPC spec's Failures and Throttling
 * sections (opentelemetry-proto docs/specification.md):
 * - throttling (queue full) and shutting down are retryable: UNAVAILABLE, the code the spec asks
 *   for backpressure (RESOURCE_EXHAUSTED is retried only when it carries RetryInfo, and some
 *   clients never retry it);
 * - a store failure acknowledged nothing, so the client may send the same data again:
 *   UNAVAILABLE too, as the OpenTelemetry Collector's receivers answer any non-permanent
 *   consumer error;
 * - a request over a size limit: RESOURCE_EXHAUSTED without RetryInfo, i.e. not retryable
 *   (the same code grpc-js gives for its own message size limit);
 * - any other client error: INVALID_ARGUMENT, not retryable; a bug of ours: INTERNAL.
 */
export function grpcCodeForSkeinError(e: SkeinError): GrpcStatus {
  switch (e.code) {
    case 'SKEIN_ERR_OVERLOADED':
    case 'SKEIN_ERR_SHUTTING_DOWN':
    case 'SKEIN_ERR_STORE_FAILED':
      return GrpcStatus.UNAVAILABLE;
    default:
      if (e.status === 413) return GrpcStatus.RESOURCE_EXHAUSTED;
      if (e.status === 429 || e.status === 503) return GrpcStatus.UNAVAILABLE;
      if (e.status >= 500) return GrpcStatus.INTERNAL;
      return GrpcStatus.INVALID_ARGUMENT;
  }
}

/**
 * The error a grpc-js handler passes to its callback: the code above, `details` (grpc-message)
 * as `SKEIN_ERR_…: message` like Skein's HTTP errors, and the same status with ErrorInfo (and
 * RetryInfo when the error says when to retry, i.e. has `retry-after`) in `grpc-status-details-bin`,
 * the OTLP/gRPC throttling signal.
 */
export function grpcErrorForSkeinError(e: SkeinError): ServerErrorResponse {
  const code = grpcCodeForSkeinError(e);
  const message = `${e.code}: ${e.message}`;
  const details: RpcStatusDetail[] = [{ type: 'errorInfo', reason: e.code, domain: SKEIN_ERROR_DOMAIN }];
  const retryDelayMs = retryDelayMsOf(e);
  if (retryDelayMs !== undefined) details.push({ type: 'retryInfo', retryDelayMs });
  const metadata = new Metadata();
  // gRPC's own retry design (A6) reads this trailer: clients retrying by service config
  // (grpc-go, grpc-java, grpc-js) then wait as RetryInfo-aware OTLP exporters do.
  if (retryDelayMs !== undefined) metadata.set('grpc-retry-pushback-ms', String(retryDelayMs));
  metadata.set('grpc-status-details-bin', Buffer.from(encodeRpcStatusWithDetails({ code, message, details })));
  return Object.assign(new Error(message), { code, details: message, metadata });
}

/** `retry-after` (seconds, as the pipeline sets it for HTTP) in milliseconds, when present and sane. */
function retryDelayMsOf(e: SkeinError): number | undefined {
  const header = e.headers['retry-after'];
  if (header === undefined || !/^[0-9]{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}
