/** gRPC status codes for our HTTP statuses, as the OTLP spec pairs them. */
export function grpcCodeForHttpStatus(status: number): number {
  if (status === 503) return 14; // UNAVAILABLE: retryable
  if (status === 429) return 8; // RESOURCE_EXHAUSTED
  if (status >= 500) return 13; // INTERNAL
  return 3; // INVALID_ARGUMENT
}
