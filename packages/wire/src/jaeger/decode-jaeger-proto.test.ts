import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkeinError, findAttribute, makeSpan, str, type Span } from '@skein/model';
import { ProtoWriter } from '../otlp/proto-writer.js';
import { decodeJaegerProtoPostSpans, encodeJaegerProtoPostSpansResponse } from './decode-jaeger-proto.js';
import { encodeJaegerProtoPostSpans } from './encode-jaeger-proto.js';
import * as T from './jaeger-proto-schema.js';

const hasCode = (code: string) => (e: unknown) => e instanceof SkeinError && e.code === code;

/** Writes one length-delimited field. */
function message(w: ProtoWriter, tag: number, body: (w: ProtoWriter) => void): void {
  w.uint32(tag);
  const at = w.fork();
  body(w);
  w.ldelim(at);
}
const stringField = (w: ProtoWriter, tag: number, s: string) => {
  w.uint32(tag);
  w.string(s);
};
const hexField = (w: ProtoWriter, tag: number, hex: string) => {
  w.uint32(tag);
  w.hex(hex);
};

test('a PostSpansRequest written by hand: ids, times, typed tags, own process, unknown fields', () => {
  const w = new ProtoWriter();
  message(w, T.REQUEST_BATCH, (w) => {
    message(w, T.BATCH_SPANS, (w) => {
      hexField(w, T.SPAN_TRACE_ID, '0000000000000000000000000000abcd');
      hexField(w, T.SPAN_SPAN_ID, '00000000000000ef');
      stringField(w, T.SPAN_OPERATION_NAME, 'GET /');
      message(w, T.SPAN_START_TIME, (w) => {
        w.uint32(T.TIME_SECONDS);
        w.int64(1_700_000_000n);
        w.uint32(T.TIME_NANOS);
        w.uint32(123_456_789);
      });
      message(w, T.SPAN_DURATION, (w) => {
        w.uint32(T.TIME_NANOS);
        w.uint32(1500);
      });
      message(w, T.SPAN_TAGS, (w) => stringField(w, T.KV_KEY, 'empty-string')); // STRING is 0: no v_type, no value
      message(w, T.SPAN_TAGS, (w) => {
        stringField(w, T.KV_KEY, 'n');
        w.uint32(T.KV_TYPE);
        w.uint32(T.ValueType.INT64);
        w.uint32(T.KV_INT64);
        w.int64(-5n);
      });
      message(w, T.SPAN_TAGS, (w) => {
        stringField(w, T.KV_KEY, 'span.kind');
        stringField(w, T.KV_STR, 'client');
      });
      stringField(w, 11 << 3 | 2, 'p1'); // process_id
      stringField(w, 12 << 3 | 2, 'clock skew adjusted'); // warnings
      w.uint32(99 << 3); // an unknown varint field
      w.uint32(7);
    });
    message(w, T.BATCH_SPANS, (w) => {
      hexField(w, T.SPAN_TRACE_ID, 'ffffffffffffffff000000000000abcd');
      hexField(w, T.SPAN_SPAN_ID, '0000000000000002');
      message(w, T.SPAN_PROCESS, (w) => stringField(w, T.PROCESS_SERVICE_NAME, 'own'));
    });
    message(w, T.BATCH_PROCESS, (w) => {
      stringField(w, T.PROCESS_SERVICE_NAME, 'batch-svc');
      message(w, T.PROCESS_TAGS, (w) => {
        stringField(w, T.KV_KEY, 'hostname');
        stringField(w, T.KV_STR, 'h1');
      });
    });
  });
  const [a, b] = decodeJaegerProtoPostSpans(w.finish());
  assert.ok(a && b);
  assert.equal(a.traceId, '0000000000000000000000000000abcd');
  assert.equal(a.traceIdHigh64Absent, true);
  assert.equal(a.spanId, '00000000000000ef');
  assert.equal(a.startTimeUnixNano, 1_700_000_000_123_456_789n);
  assert.equal(a.endTimeUnixNano - a.startTimeUnixNano, 1500n);
  assert.deepEqual(a.attributes, [
    { key: 'empty-string', value: str('') },
    { key: 'n', value: { type: 'int', value: -5n } },
  ]);
  assert.equal(a.kind, 3);
  // the batch process: process defined after the spans on the wire, still applied
  assert.deepEqual(a.resource.attributes, [
    { key: 'service.name', value: str('batch-svc') },
    { key: 'hostname', value: str('h1') },
  ]);
  // a span's own process wins
  assert.equal(b.traceIdHigh64Absent, false);
  assert.deepEqual(b.resource.attributes, [{ key: 'service.name', value: str('own') }]);
});

test('ids of the wrong length pass through as hex for the pipeline to reject that span alone', () => {
  const w = new ProtoWriter();
  message(w, T.REQUEST_BATCH, (w) =>
    message(w, T.BATCH_SPANS, (w) => {
      hexField(w, T.SPAN_TRACE_ID, 'abcd');
      hexField(w, T.SPAN_SPAN_ID, '01');
    }),
  );
  const [s] = decodeJaegerProtoPostSpans(w.finish());
  assert.equal(s!.traceId, 'abcd');
  assert.equal(s!.spanId, '01');
  assert.equal(s!.traceIdHigh64Absent, false);
});

test('blank spans are dropped; an empty request has no spans', () => {
  const w = new ProtoWriter();
  message(w, T.REQUEST_BATCH, (w) => {
    message(w, T.BATCH_SPANS, () => {});
    message(w, T.BATCH_SPANS, (w) => hexField(w, T.SPAN_SPAN_ID, '0000000000000001'));
  });
  assert.equal(decodeJaegerProtoPostSpans(w.finish()).length, 1);
  assert.deepEqual(decodeJaegerProtoPostSpans(new Uint8Array(0)), []);
});

test('spans of one process share one Resource object, from the batch or their own', () => {
  const resource = { attributes: [{ key: 'service.name', value: str('a') }], droppedAttributesCount: 0 };
  const other = { attributes: [{ key: 'service.name', value: str('b') }], droppedAttributesCount: 0 };
  const span = (id: string, r: Span['resource']): Span => makeSpan({ traceId: '0'.repeat(31) + '1', spanId: id, name: id, startTimeUnixNano: 1000n, endTimeUnixNano: 2000n, resource: r });
  const decoded = decodeJaegerProtoPostSpans(encodeJaegerProtoPostSpans([span('0000000000000001', resource), span('0000000000000002', other), span('0000000000000003', other), span('0000000000000004', resource)]));
  assert.equal(decoded[0]!.resource, decoded[3]!.resource);
  assert.equal(decoded[1]!.resource, decoded[2]!.resource);
  assert.notEqual(decoded[0]!.resource, decoded[1]!.resource);
  assert.equal(findAttribute(decoded[1]!.resource.attributes, 'service.name')?.value, 'b');
});

test('truncated or overrunning messages are SKEIN_ERR_MALFORMED_PROTOBUF', () => {
  const body = encodeJaegerProtoPostSpans([makeSpan({ traceId: '0'.repeat(31) + '1', spanId: '0000000000000001', name: 'x', startTimeUnixNano: 1000n, endTimeUnixNano: 2000n, attributes: [{ key: 'k', value: str('v') }] })]);
  for (let n = 1; n < body.length; n++) assert.throws(() => decodeJaegerProtoPostSpans(body.subarray(0, n)), hasCode('SKEIN_ERR_MALFORMED_PROTOBUF'), `prefix ${n}`);
});

test('the PostSpansResponse is the empty message', () => {
  assert.equal(encodeJaegerProtoPostSpansResponse().length, 0);
});
