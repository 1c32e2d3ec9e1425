import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { type ErrorCode, SkeinError } from '@skein/model';
import { grpcCodeForSkeinError, grpcErrorForSkeinError } from './grpc-error-status.js';
import { decodeRpcStatusWithDetails } from './rpc-status-details.js';

test('Skein errors map to the gRPC codes the OTLP spec gives for retryable and non-retryable failures', () => {
  const expected: Array<[ErrorCode, GrpcStatus]> = [
    ['SKEIN_ERR_MALFORMED_PROTOBUF', GrpcStatus.INVALID_ARGUMENT],
    ['SKEIN_ERR_INVALID_PAYLOAD', GrpcStatus.INVALID_ARGUMENT],
    ['SKEIN_ERR_TOO_DEEP', GrpcStatus.INVALID_ARGUMENT],
    ['SKEIN_ERR_BODY_TOO_LARGE', GrpcStatus.RESOURCE_EXHAUSTED],
    ['SKEIN_ERR_OVERLOADED', GrpcStatus.UNAVAILABLE],
    ['SKEIN_ERR_SHUTTING_DOWN', GrpcStatus.UNAVAILABLE],
    ['SKEIN_ERR_STORE_FAILED', GrpcStatus.UNAVAILABLE],
    ['SKEIN_ERR_INTERNAL', GrpcStatus.INTERNAL],
  ];
  for (const [code, grpc] of expected) assert.equal(grpcCodeForSkeinError(new SkeinError(code)), grpc, code);
});

test('the grpc-js error carries the coded message in details and the same status in grpc-status-details-bin', () => {
  const e = new SkeinError('SKEIN_ERR_OVERLOADED', '10 spans are waiting', { 'retry-after': '2' });
  const err = grpcErrorForSkeinError(e);
  assert.equal(err.code, GrpcStatus.UNAVAILABLE);
  assert.equal(err.details, 'SKEIN_ERR_OVERLOADED: ingest queue is full; retry later: 10 spans are waiting');
  const bin = err.metadata!.get('grpc-status-details-bin')[0] as Buffer;
  assert.deepEqual(decodeRpcStatusWithDetails(bin), {
    code: GrpcStatus.UNAVAILABLE,
    message: err.details,
    details: [
      { type: 'errorInfo', reason: 'SKEIN_ERR_OVERLOADED', domain: 'skein.dev' },
      { type: 'retryInfo', retryDelayMs: 2000 },
    ],
  });
  assert.deepEqual(err.metadata!.get('grpc-retry-pushback-ms'), ['2000']);
});

test('RetryInfo is attached only when the error says when to retry', () => {
  const types = (e: SkeinError): string[] => decodeRpcStatusWithDetails(grpcErrorForSkeinError(e).metadata!.get('grpc-status-details-bin')[0] as Buffer).details.map((d) => d.type);
  assert.deepEqual(types(new SkeinError('SKEIN_ERR_SHUTTING_DOWN')), ['errorInfo']);
  assert.deepEqual(grpcErrorForSkeinError(new SkeinError('SKEIN_ERR_SHUTTING_DOWN')).metadata!.get('grpc-retry-pushback-ms'), []);
  assert.deepEqual(types(new SkeinError('SKEIN_ERR_OVERLOADED', 'x', { 'retry-after': 'soon' })), ['errorInfo']);
  assert.deepEqual(types(new SkeinError('SKEIN_ERR_OVERLOADED', 'x', { 'retry-after': '0' })), ['errorInfo', 'retryInfo']);
});
