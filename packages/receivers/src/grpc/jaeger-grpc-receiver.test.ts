import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { SpanKind } from '@skein/model';
import { ProtoWriter } from '@skein/wire/otlp/proto-writer';
import { memoryPipeline } from '../test-support/memory-pipeline.js';
import { grpcUnaryCall, statusDetailsOf, type UnaryResult } from './grpc-test-clients.js';
import { JAEGER_GRPC_POST_SPANS_PATH, startJaegerGrpcReceiver } from './jaeger-grpc-receiver.js';

/**
 * A `jaeger.api_v2.PostSpansRequest` built field by field (jaeger-idl proto/api_v2/collector.proto
 * and model.proto), the way jaeger-agent's protobuf encoder lays it out.
 */
interface TestJaegerSpan {
  traceId: string; // 32 hex
  spanId: string; // 16 hex
  name: string;
  parentSpanId?: string;
  startSeconds: number;
  durationMicros: number;
  stringTags?: Record<string, string>;
}

function postSpansRequest(serviceName: string, spans: TestJaegerSpan[]): Uint8Array {
  const w = new ProtoWriter();
  const message = (tag: number, body: () => void): void => {
    w.uint32(tag);
    const start = w.fork();
    body();
    w.ldelim(start);
  };
  const stringField = (tag: number, s: string): void => {
    w.uint32(tag);
    w.string(s);
  };
  message(0x0a, () => {
    // PostSpansRequest.batch
    for (const s of spans) {
      message(0x0a, () => {
        // Batch.spans
        w.uint32(0x0a);
        w.hex(s.traceId);
        w.uint32(0x12);
        w.hex(s.spanId);
        stringField(0x1a, s.name);
        if (s.parentSpanId) {
          message(0x22, () => {
            // SpanRef{trace_id, span_id, ref_type CHILD_OF = 0}
            w.uint32(0x0a);
            w.hex(s.traceId);
            w.uint32(0x12);
            w.hex(s.parentSpanId!);
          });
        }
        message(0x32, () => {
          // start_time: Timestamp{seconds}
          w.uint32(0x08);
          w.int64(BigInt(s.startSeconds));
        });
        message(0x3a, () => {
          // duration: Duration{nanos}
          w.uint32(0x10);
          w.uint32(s.durationMicros * 1000);
        });
        for (const [key, value] of Object.entries(s.stringTags ?? {})) {
          // tags: KeyValue{key, v_str}; v_type STRING is 0, the default, so it is left out
          message(0x42, () => {
            stringField(0x0a, key);
            stringField(0x1a, value);
          });
        }
      });
    }
    message(0x12, () => {
      // Batch.process
      stringField(0x0a, serviceName);
      message(0x12, () => {
        stringField(0x0a, 'hostname');
        stringField(0x1a, 'host-1');
      });
    });
  });
  return w.finish();
}

function failed(result: UnaryResult): ServiceError {
  assert.equal(result.ok, false, 'the call should have failed');
  return (result as { error: ServiceError }).error;
}

const NOW_SECONDS = Math.floor(Date.now() / 1000) - 60;
const TRACE_ID = '0000000000000000a3ce929d0e0e4736';

test('PostSpans through grpc-js: spans are stored with their process, parent and tags, and the answer is empty', async () => {
  const { pipeline, store, outcomes, observer } = memoryPipeline();
  const receiver = await startJaegerGrpcReceiver({ host: '127.0.0.1', port: 0, pipeline, maxMessageBytes: 4 * 1024 * 1024, observer });
  try {
    const request = postSpansRequest('checkout', [
      { traceId: TRACE_ID, spanId: '00f067aa0ba902b7', name: 'POST /checkout', startSeconds: NOW_SECONDS, durationMicros: 1500, stringTags: { 'span.kind': 'server' } },
      { traceId: TRACE_ID, spanId: '00f067aa0ba902b8', name: 'charge', parentSpanId: '00f067aa0ba902b7', startSeconds: NOW_SECONDS, durationMicros: 700, stringTags: { 'payment.provider': 'acme' } },
    ]);
    const result = await grpcUnaryCall(receiver.address, JAEGER_GRPC_POST_SPANS_PATH, request, { 'grpc.default_compression_algorithm': 2 });
    if (!result.ok) assert.fail(`${result.error.code} ${result.error.details}`);
    assert.equal(result.response.length, 0, 'PostSpansResponse is the empty message');
    const spans = await store.getTrace(TRACE_ID);
    const byName = new Map(spans.map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()].sort(), ['POST /checkout', 'charge']);
    const root = byName.get('POST /checkout')!;
    const child = byName.get('charge')!;
    assert.equal(root.parentSpanId, '');
    assert.equal(root.kind, SpanKind.SERVER);
    assert.equal(child.parentSpanId, '00f067aa0ba902b7');
    assert.equal(child.endTimeUnixNano - child.startTimeUnixNano, 700_000n);
    assert.deepEqual(child.attributes.find((a) => a.key === 'payment.provider')?.value, { type: 'string', value: 'acme' });
    assert.ok(child.resource.attributes.some((a) => a.key === 'service.name' && a.value.type === 'string' && a.value.value === 'checkout'));
    assert.equal(root.resource, child.resource, 'spans of one batch share one Resource');
  } finally {
    await receiver.close();
  }
  assert.deepEqual(outcomes, [['jaeger-grpc', 'ok']]);
});

test('rejected spans still get OK (Jaeger has no partial success), are counted as partial and logged at debug', async () => {
  const { pipeline, store, outcomes, observer } = memoryPipeline();
  const debug: string[] = [];
  const logger = { error: () => assert.fail('nothing here is an error'), debug: (_obj: object, msg: string) => void debug.push(msg) };
  const receiver = await startJaegerGrpcReceiver({ host: '127.0.0.1', port: 0, pipeline, maxMessageBytes: 4 * 1024 * 1024, observer, logger });
  try {
    const request = postSpansRequest('svc', [
      { traceId: TRACE_ID, spanId: '00f067aa0ba902b7', name: 'good', startSeconds: NOW_SECONDS, durationMicros: 10 },
      { traceId: TRACE_ID, spanId: '0000000000000000', name: 'zero span id', startSeconds: NOW_SECONDS, durationMicros: 10 },
    ]);
    const result = await grpcUnaryCall(receiver.address, JAEGER_GRPC_POST_SPANS_PATH, request);
    assert.equal(result.ok, true);
    assert.deepEqual((await store.getTrace(TRACE_ID)).map((s) => s.name), ['good']);
  } finally {
    await receiver.close();
  }
  assert.deepEqual(outcomes, [['jaeger-grpc', 'partial']]);
  assert.equal(debug.length, 1);
  assert.match(debug[0]!, /1 of 2 span\(s\) rejected: SKEIN_ERR_INVALID_SPAN_ID/);
});

test('a malformed PostSpansRequest gets INVALID_ARGUMENT with the coded message', async () => {
  const { pipeline, outcomes, observer } = memoryPipeline();
  const receiver = await startJaegerGrpcReceiver({ host: '127.0.0.1', port: 0, pipeline, maxMessageBytes: 4 * 1024 * 1024, observer });
  try {
    const error = failed(await grpcUnaryCall(receiver.address, JAEGER_GRPC_POST_SPANS_PATH, Buffer.from([0x0a, 0x05, 0x0a, 0x7f])));
    assert.equal(error.code, GrpcStatus.INVALID_ARGUMENT);
    assert.match(error.details, /^SKEIN_ERR_MALFORMED_PROTOBUF: /);
    assert.equal(statusDetailsOf(error)?.code, GrpcStatus.INVALID_ARGUMENT);
  } finally {
    await receiver.close();
  }
  assert.deepEqual(outcomes, [['jaeger-grpc', 'SKEIN_ERR_MALFORMED_PROTOBUF']]);
});

test('the Jaeger port serves only PostSpans: OTLP Export there is UNIMPLEMENTED', async () => {
  const { pipeline } = memoryPipeline();
  const receiver = await startJaegerGrpcReceiver({ host: '127.0.0.1', port: 0, pipeline, maxMessageBytes: 4 * 1024 * 1024 });
  try {
    const error = failed(await grpcUnaryCall(receiver.address, '/opentelemetry.proto.collector.trace.v1.TraceService/Export', Buffer.alloc(0)));
    assert.equal(error.code, GrpcStatus.UNIMPLEMENTED);
  } finally {
    await receiver.close();
  }
});
