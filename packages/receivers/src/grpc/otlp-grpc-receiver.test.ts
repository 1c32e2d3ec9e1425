import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { makeSpan, nowNanos, type Span } from '@skein/model';
import { DEFAULT_SPAN_LIMITS, GroupCommitter, IngestPipeline } from '@skein/pipeline';
import { MemoryTraceStore } from '@skein/store';
import { manifestEntry, readWireFixture } from '@skein/testkit';
import { decodeExportTraceResponseProtobuf, encodeOtlpProtobuf } from '@skein/wire';
import { memoryPipeline } from '../test-support/memory-pipeline.js';
import type { ReceiverObserver } from '../http/receiver-observer.js';
import { type GrpcReceiver } from './grpc-receiver.js';
import { grpcFrame, grpcUnaryCall, rawGrpcCall, statusDetailsOf, type UnaryResult } from './grpc-test-clients.js';
import { OTLP_GRPC_EXPORT_PATH, startOtlpGrpcReceiver } from './otlp-grpc-receiver.js';

const FIXTURE = 'otel-otlp-grpc.bin';
const GZIP = 2; // grpc-js compression algorithm key for gzip

async function withReceiver(
  pipeline: IngestPipeline,
  run: (r: GrpcReceiver) => Promise<void>,
  extra: { maxMessageBytes?: number; observer?: ReceiverObserver } = {},
): Promise<void> {
  const receiver = await startOtlpGrpcReceiver({ host: '127.0.0.1', port: 0, pipeline, maxMessageBytes: extra.maxMessageBytes ?? 4 * 1024 * 1024, observer: extra.observer });
  try {
    await run(receiver);
  } finally {
    await receiver.close();
  }
}

function failed(result: UnaryResult): ServiceError {
  assert.equal(result.ok, false, 'the call should have failed');
  return (result as { error: ServiceError }).error;
}

function succeeded(result: UnaryResult): Buffer {
  if (!result.ok) assert.fail(`call failed: ${result.error.code} ${result.error.details}`);
  return result.response;
}

async function assertFixtureStored(store: MemoryTraceStore): Promise<void> {
  const entry = manifestEntry(FIXTURE);
  const spans = await store.getTrace(entry.traceId);
  assert.deepEqual(spans.map((s) => s.name).sort(), entry.spans!.map((s) => s.name).sort());
  assert.ok(spans.every((s) => s.resource.attributes.some((a) => a.key === 'service.name' && a.value.type === 'string' && a.value.value === entry.resource!['service.name'])));
}

/** A pipeline whose store write waits for `release()`, to hold requests in flight. */
function blockingPipeline(opts: { maxQueuedSpans: number; retryAfterSeconds?: number }) {
  const store = new MemoryTraceStore();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let writeStarted!: () => void;
  const started = new Promise<void>((resolve) => (writeStarted = resolve));
  const committer = new GroupCommitter(
    async (spans) => {
      writeStarted();
      await gate;
      await store.writeBatch(spans);
    },
    { maxQueuedSpans: opts.maxQueuedSpans, maxBatchSpans: 50_000, retryAfterSeconds: opts.retryAfterSeconds ?? 1 },
  );
  return { pipeline: new IngestPipeline(committer, DEFAULT_SPAN_LIMITS), store, release, started };
}

const span = (traceId: string, spanId: string, name: string): Span => {
  const start = nowNanos() - 1_000_000n;
  return makeSpan({ traceId, spanId, name, startTimeUnixNano: start, endTimeUnixNano: start + 500_000n });
};

test('the OpenTelemetry JS exporter fixture, sent through grpc-js, is stored and answered with full success', async () => {
  const { pipeline, store, outcomes, observer } = memoryPipeline();
  await withReceiver(
    pipeline,
    async (r) => {
      const response = succeeded(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE)));
      assert.equal(response.length, 0, 'full success is the empty ExportTraceServiceResponse');
      await assertFixtureStored(store);
    },
    { observer },
  );
  assert.deepEqual(outcomes, [['otlp-grpc', 'ok']]);
});

test('a gzip-compressed request from grpc-js (grpc.default_compression_algorithm) is decompressed and stored', async () => {
  const { pipeline, store } = memoryPipeline();
  await withReceiver(pipeline, async (r) => {
    succeeded(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE), { 'grpc.default_compression_algorithm': GZIP }));
    await assertFixtureStored(store);
  });
});

test('a hand-built gzip frame (grpc-encoding: gzip, compressed flag set) is decompressed and stored', async () => {
  const { pipeline, store } = memoryPipeline();
  await withReceiver(pipeline, async (r) => {
    const answer = await rawGrpcCall(r.address, OTLP_GRPC_EXPORT_PATH, grpcFrame(gzipSync(readWireFixture(FIXTURE)), true), { 'grpc-encoding': 'gzip' });
    assert.equal(answer.grpcStatus, GrpcStatus.OK, answer.grpcMessage);
    assert.deepEqual([...answer.body], [0, 0, 0, 0, 0], 'one uncompressed frame holding the empty response');
    await assertFixtureStored(store);
  });
});

test('a gzip bomb is refused with RESOURCE_EXHAUSTED while inflating, without inflating it whole', async () => {
  // Concatenated gzip members are one valid gzip stream: 40 x 16 MiB of zeros = 640 MiB
  // inflated, from well under the 1 MiB compressed limit.
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: 40 }, () => member));
  assert.ok(bomb.length < 1024 * 1024);
  const { pipeline, store } = memoryPipeline();
  await withReceiver(
    pipeline,
    async (r) => {
      const rssBefore = process.memoryUsage().rss;
      const answer = await rawGrpcCall(r.address, OTLP_GRPC_EXPORT_PATH, grpcFrame(bomb, true), { 'grpc-encoding': 'gzip' });
      assert.equal(answer.grpcStatus, GrpcStatus.RESOURCE_EXHAUSTED);
      assert.match(answer.grpcMessage, /decompresses to a size larger than 1048576/);
      // Inflating it all would have taken 640 MiB; the limit stops it after about 1 MiB.
      assert.ok(process.memoryUsage().rss - rssBefore < 256 * 1024 * 1024, 'memory stayed bounded');
      assert.equal((await store.getStats()).spanCount, 0);
    },
    { maxMessageBytes: 1024 * 1024 },
  );
});

test('a message over maxMessageBytes is refused with RESOURCE_EXHAUSTED', async () => {
  const { pipeline } = memoryPipeline();
  await withReceiver(
    pipeline,
    async (r) => {
      const fixture = readWireFixture(FIXTURE);
      const error = failed(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, Buffer.concat([fixture, fixture])));
      assert.equal(error.code, GrpcStatus.RESOURCE_EXHAUSTED);
    },
    { maxMessageBytes: readWireFixture(FIXTURE).length + 10 },
  );
});

test('a malformed message gets INVALID_ARGUMENT with the coded message and an ErrorInfo detail', async () => {
  const { pipeline, outcomes, observer } = memoryPipeline();
  await withReceiver(
    pipeline,
    async (r) => {
      // Field 1 (resource_spans), length-delimited, claiming 100 bytes that are not there.
      const error = failed(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, Buffer.from([0x0a, 100, 1, 2, 3])));
      assert.equal(error.code, GrpcStatus.INVALID_ARGUMENT);
      assert.match(error.details, /^SKEIN_ERR_MALFORMED_PROTOBUF: /);
      const status = statusDetailsOf(error);
      assert.equal(status?.code, GrpcStatus.INVALID_ARGUMENT);
      assert.equal(status?.message, error.details);
      assert.deepEqual(status?.details, [{ type: 'errorInfo', reason: 'SKEIN_ERR_MALFORMED_PROTOBUF', domain: 'skein.dev' }]);
    },
    { observer },
  );
  assert.deepEqual(outcomes, [['otlp-grpc', 'SKEIN_ERR_MALFORMED_PROTOBUF']]);
});

test('an unknown method gets UNIMPLEMENTED', async () => {
  const { pipeline } = memoryPipeline();
  await withReceiver(pipeline, async (r) => {
    const error = failed(await grpcUnaryCall(r.address, '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export', Buffer.alloc(0)));
    assert.equal(error.code, GrpcStatus.UNIMPLEMENTED);
  });
});

test('an empty request is a success with nothing stored', async () => {
  const { pipeline, outcomes, observer } = memoryPipeline();
  await withReceiver(
    pipeline,
    async (r) => {
      assert.equal(succeeded(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, Buffer.alloc(0))).length, 0);
    },
    { observer },
  );
  assert.deepEqual(outcomes, [['otlp-grpc', 'ok']]);
});

test('rejected spans are reported in partial_success and the valid ones are stored', async () => {
  const { pipeline, store, outcomes, observer } = memoryPipeline();
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const request = encodeOtlpProtobuf([span(traceId, '00f067aa0ba902b7', 'good'), span('00000000000000000000000000000000', '00f067aa0ba902b8', 'bad')]);
  await withReceiver(
    pipeline,
    async (r) => {
      const partial = decodeExportTraceResponseProtobuf(succeeded(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, request)));
      assert.equal(partial.rejectedSpans, 1);
      assert.match(partial.errorMessage, /1 of 2 span\(s\) rejected: SKEIN_ERR_INVALID_TRACE_ID/);
      assert.deepEqual((await store.getTrace(traceId)).map((s) => s.name), ['good']);
    },
    { observer },
  );
  assert.deepEqual(outcomes, [['otlp-grpc', 'partial']]);
});

test('a full ingest queue answers UNAVAILABLE with RetryInfo (OTLP throttling), and the admitted request completes', async () => {
  const { pipeline, store, release, started } = blockingPipeline({ maxQueuedSpans: 1, retryAfterSeconds: 3 });
  const outcomes: Array<[string, string]> = [];
  await withReceiver(
    pipeline,
    async (r) => {
      const first = grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE));
      await started; // the first request holds the queue
      const error = failed(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE)));
      assert.equal(error.code, GrpcStatus.UNAVAILABLE);
      assert.match(error.details, /^SKEIN_ERR_OVERLOADED: /);
      const status = statusDetailsOf(error);
      assert.deepEqual(status?.details, [
        { type: 'errorInfo', reason: 'SKEIN_ERR_OVERLOADED', domain: 'skein.dev' },
        { type: 'retryInfo', retryDelayMs: 3000 },
      ]);
      release();
      succeeded(await first);
      await assertFixtureStored(store);
    },
    { observer: { onRequest: (receiver, outcome) => void outcomes.push([receiver, outcome]) } },
  );
  assert.deepEqual(outcomes, [
    ['otlp-grpc', 'SKEIN_ERR_OVERLOADED'],
    ['otlp-grpc', 'ok'],
  ]);
});

test('a store failure answers UNAVAILABLE without RetryInfo (nothing was acknowledged, so the client may resend)', async () => {
  const committer = new GroupCommitter(() => Promise.reject(new Error('disk full')));
  const pipeline = new IngestPipeline(committer, DEFAULT_SPAN_LIMITS);
  await withReceiver(pipeline, async (r) => {
    const error = failed(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE)));
    assert.equal(error.code, GrpcStatus.UNAVAILABLE);
    assert.match(error.details, /^SKEIN_ERR_STORE_FAILED: .*disk full/);
    assert.deepEqual(statusDetailsOf(error)?.details.map((d) => d.type), ['errorInfo']);
  });
});

test('a pipeline that is shutting down answers UNAVAILABLE', async () => {
  const { pipeline } = memoryPipeline();
  await pipeline.close();
  await withReceiver(pipeline, async (r) => {
    const error = failed(await grpcUnaryCall(r.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE)));
    assert.equal(error.code, GrpcStatus.UNAVAILABLE);
    assert.match(error.details, /^SKEIN_ERR_SHUTTING_DOWN: /);
  });
});

test('close() lets an in-flight call finish, then stops accepting connections', async () => {
  const { pipeline, store, release, started } = blockingPipeline({ maxQueuedSpans: 1000 });
  const receiver = await startOtlpGrpcReceiver({ host: '127.0.0.1', port: 0, pipeline, maxMessageBytes: 4 * 1024 * 1024 });
  const inFlight = grpcUnaryCall(receiver.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE));
  await started;
  let closed = false;
  const closing = receiver.close().then(() => (closed = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(closed, false, 'close waits for the in-flight call');
  release();
  succeeded(await inFlight);
  await closing;
  await assertFixtureStored(store);
  const after = failed(await grpcUnaryCall(receiver.address, OTLP_GRPC_EXPORT_PATH, Buffer.alloc(0), { 'grpc.initial_reconnect_backoff_ms': 50 }));
  assert.equal(after.code, GrpcStatus.UNAVAILABLE);
});

test('close() gives up waiting after shutdownGraceMs and cancels a call that never finishes', async () => {
  const { pipeline, started } = blockingPipeline({ maxQueuedSpans: 1000 }); // never released
  const receiver = await startOtlpGrpcReceiver({ host: '127.0.0.1', port: 0, pipeline, maxMessageBytes: 4 * 1024 * 1024, shutdownGraceMs: 50 });
  const inFlight = grpcUnaryCall(receiver.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE));
  await started;
  await receiver.close();
  const error = failed(await inFlight);
  assert.notEqual(error.code, GrpcStatus.OK);
});

test('an unexpected failure is INTERNAL, logged once, and counted', async () => {
  const broken = { ingest: () => Promise.reject(new TypeError('boom')) } as unknown as IngestPipeline;
  const logged: Array<[object, string]> = [];
  const outcomes: Array<[string, string]> = [];
  const receiver = await startOtlpGrpcReceiver({
    host: '127.0.0.1',
    port: 0,
    pipeline: broken,
    maxMessageBytes: 4 * 1024 * 1024,
    logger: { error: (obj, msg) => void logged.push([obj, msg]) },
    observer: { onRequest: (receiverName, outcome) => void outcomes.push([receiverName, outcome]) },
  });
  try {
    const error = failed(await grpcUnaryCall(receiver.address, OTLP_GRPC_EXPORT_PATH, readWireFixture(FIXTURE)));
    assert.equal(error.code, GrpcStatus.INTERNAL);
    assert.match(error.details, /^SKEIN_ERR_INTERNAL: .*boom/);
  } finally {
    await receiver.close();
  }
  assert.equal(logged.length, 1);
  assert.equal(logged[0]![1], 'otlp-grpc request failed');
  assert.deepEqual(outcomes, [['otlp-grpc', 'SKEIN_ERR_INTERNAL']]);
});
