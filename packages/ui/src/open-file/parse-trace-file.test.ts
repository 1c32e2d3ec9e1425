import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from '../trace/model/build-trace-tree.js';
import type { SpanJson } from '../trace/model/trace-json.js';
import { detectFormat, parseTraceFile } from './parse-trace-file.js';
import { JAEGER_TRACE, readWireFixtureText } from './test-fixtures.js';
import { TraceFileError } from './trace-file-error.js';

const byName = (spans: readonly SpanJson[], name: string): SpanJson => {
  const s = spans.find((x) => x.name === name);
  assert.ok(s, `a span named ${name}`);
  return s;
};
const attr = (s: SpanJson, key: string) => s.attributes.find((a) => a.key === key);
const fails = (text: string, message: RegExp) => assert.throws(() => parseTraceFile(text), (e: unknown) => e instanceof TraceFileError && message.test(e.message));

describe('parseTraceFile: OTLP JSON (the OpenTelemetry JS exporter fixture)', () => {
  const parsed = parseTraceFile(readWireFixtureText('otel-otlp-json.bin'));
  const spans = parsed.traces[0]!.spans;

  it('finds the one trace with its four spans, their service, scope and parents', () => {
    assert.equal(parsed.format, 'otlp');
    assert.equal(parsed.traces.length, 1);
    assert.equal(parsed.traces[0]!.traceId, '3c3f17bd88b79a1bba04101d74c7be8c');
    assert.deepEqual(spans.map((s) => s.name).sort(), ['GET /', 'SELECT users', 'call_api_02', 'call_api_03_FROM_01']);
    const root = byName(spans, 'GET /');
    assert.equal(root.parentSpanId, '');
    assert.equal(root.kind, 'server');
    assert.equal(root.status.code, 'ok');
    for (const s of spans) {
      assert.equal(s.serviceName, 'api-01');
      assert.deepEqual(s.scope, { name: 'fixture-scenario', version: '0.1.0' });
      if (s !== root) assert.equal(s.parentSpanId, root.spanId);
      assert.equal(BigInt(s.durationNanos), BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano));
    }
    assert.ok(root.resource.some((a) => a.key === 'deployment.environment' && a.value === 'test'));
  });

  it('keeps status, typed attributes, events and links', () => {
    const call = byName(spans, 'call_api_02');
    assert.deepEqual(call.status, { code: 'error', message: 'upstream unavailable' });
    assert.deepEqual(attr(call, 'http.response.status_code'), { key: 'http.response.status_code', type: 'int', value: 503 });
    assert.deepEqual(attr(call, 'ratio'), { key: 'ratio', type: 'double', value: 0.75 });
    assert.deepEqual(attr(call, 'cache.hit'), { key: 'cache.hit', type: 'bool', value: false });
    assert.equal(attr(call, 'tags')?.type, 'array');
    assert.deepEqual(call.events.map((e) => e.name), ['cache miss', 'exception']);
    assert.equal(byName(spans, 'call_api_03_FROM_01').links.length, 1);
    assert.equal(byName(spans, 'SELECT users').kind, 'internal');
  });

  it('gives spans the trace view builds a tree from', () => {
    const tree = buildTraceTree(parsed.traces[0]!.traceId, spans);
    assert.equal(tree.nodes.length, 4);
  });

  it('accepts enum names, snake_case fields, numeric times and big ints', () => {
    const doc = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scope_spans: [
            {
              spans: [
                {
                  trace_id: 'AB'.repeat(16),
                  span_id: 'CD'.repeat(8),
                  name: 'op',
                  kind: 'SPAN_KIND_CONSUMER',
                  start_time_unix_nano: 1000,
                  end_time_unix_nano: '3000',
                  status: { code: 'STATUS_CODE_ERROR' },
                  attributes: [{ key: 'big', value: { intValue: '9007199254740993' } }, { key: 'kv', value: { kvlistValue: { values: [{ key: '__proto__', value: { stringValue: 'x' } }] } } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const s = parseTraceFile(JSON.stringify(doc)).traces[0]!.spans[0]!;
    assert.equal(s.traceId, 'ab'.repeat(16));
    assert.equal(s.kind, 'consumer');
    assert.equal(s.status.code, 'error');
    assert.equal(s.durationNanos, '2000');
    assert.deepEqual(attr(s, 'big'), { key: 'big', type: 'int', value: '9007199254740993' });
    assert.deepEqual(Object.keys(attr(s, 'kv')!.value as object), ['__proto__']);
  });
});

describe('parseTraceFile: Zipkin v2 JSON (zipkin-js and py_zipkin fixtures)', () => {
  it('maps endpoints, tags, annotations and the error tag (zipkin-js, 128-bit ids)', () => {
    const parsed = parseTraceFile(readWireFixtureText('zipkinjs-v2.bin'));
    assert.equal(parsed.format, 'zipkin');
    const spans = parsed.traces[0]!.spans;
    assert.equal(parsed.traces[0]!.traceId, '2d88d2c7bb1c9ffe099f4ac0a62c2d2d');
    const charge = byName(spans, 'post /charge');
    const root = byName(spans, 'get /checkout');
    assert.equal(charge.parentSpanId, root.spanId);
    assert.equal(charge.kind, 'client');
    assert.equal(charge.serviceName, 'frontend');
    assert.deepEqual(charge.status, { code: 'error', message: 'card declined' });
    assert.deepEqual(attr(charge, 'peer.service'), { key: 'peer.service', type: 'string', value: 'payments' });
    assert.deepEqual(attr(charge, 'net.peer.ip'), { key: 'net.peer.ip', type: 'string', value: '10.1.2.9' });
    assert.deepEqual(attr(charge, 'net.peer.port'), { key: 'net.peer.port', type: 'int', value: 9000 });
    assert.deepEqual(charge.events.map((e) => [e.name, e.timeUnixNano]), [['retrying', '1795234605282798000']]);
    assert.equal(charge.startTimeUnixNano, '1795234605282610000');
    assert.equal(charge.durationNanos, '16385000');
    assert.deepEqual(root.resource, [{ key: 'service.name', type: 'string', value: 'frontend' }]);
  });

  it('keeps a 64-bit trace id as sent (py_zipkin)', () => {
    const parsed = parseTraceFile(readWireFixtureText('pyzipkin-V2_JSON.bin'));
    assert.equal(parsed.traces.length, 1);
    assert.equal(parsed.traces[0]!.traceId, '67ca1b83cb67301a');
    assert.equal(byName(parsed.traces[0]!.spans, 'index').parentSpanId, '');
  });
});

describe('parseTraceFile: Jaeger JSON', () => {
  it('uses processes as resources, span.kind and error tags, CHILD_OF as parent and other references as links', () => {
    const parsed = parseTraceFile(JSON.stringify(JAEGER_TRACE));
    assert.equal(parsed.format, 'jaeger');
    const [root, call] = parsed.traces[0]!.spans;
    assert.equal(root!.serviceName, 'api-02');
    assert.deepEqual(root!.resource, [{ key: 'service.name', type: 'string', value: 'api-02' }, { key: 'service.version', type: 'string', value: '2.0.0' }]);
    assert.equal(root!.kind, 'server');
    assert.deepEqual(root!.attributes, [{ key: 'http.status_code', type: 'int', value: 200 }]);
    assert.equal(call!.serviceName, 'api-03');
    assert.equal(call!.parentSpanId, '3a595377f438eb4c');
    assert.equal(call!.kind, 'client');
    assert.equal(call!.status.code, 'error');
    assert.equal(attr(call!, 'error'), undefined, 'the error tag became the status');
    assert.deepEqual(attr(call!, 'ratio'), { key: 'ratio', type: 'double', value: 0.5 });
    assert.deepEqual(call!.links.map((l) => l.spanId), ['2222222222222222']);
    assert.deepEqual(call!.events, [{ name: 'error', timeUnixNano: '1795234584245000000', attributes: [{ key: 'message', type: 'string', value: 'timeout after 2s' }] }]);
    assert.equal(call!.durationNanos, '10000000');
  });

  it('opens one trace without the data envelope, and spans with an embedded process (Jaeger UI download)', () => {
    const trace = JAEGER_TRACE.data[0]!;
    assert.equal(parseTraceFile(JSON.stringify(trace)).spanCount, 2);
    const embedded = { ...trace, processes: undefined, spans: trace.spans.map((s) => ({ ...s, processID: undefined, process: trace.processes[s.processID as 'p1' | 'p2'] })) };
    assert.deepEqual(parseTraceFile(JSON.stringify(embedded)).traces[0]!.spans.map((s) => s.serviceName), ['api-02', 'api-03']);
  });
});

describe('parseTraceFile: several traces and bad files', () => {
  it('splits a file into its traces, most spans first', () => {
    const zipkin = (traceId: string, id: string) => ({ traceId, id, name: 'x', timestamp: 1, duration: 1 });
    const parsed = parseTraceFile(JSON.stringify([zipkin('a'.repeat(16), '1'.repeat(16)), zipkin('b'.repeat(16), '2'.repeat(16)), zipkin('b'.repeat(16), '3'.repeat(16))]));
    assert.deepEqual(parsed.traces.map((t) => [t.traceId, t.spans.length]), [['b'.repeat(16), 2], ['a'.repeat(16), 1]]);
  });

  it('says what is wrong and where', () => {
    fails('{"resourceSpans": [', /not JSON/);
    fails('{"hello": 1}', /not a trace format.*OTLP.*Jaeger.*Zipkin/);
    fails('"text"', /not a trace format/);
    fails('[]', /Zipkin v2 JSON but holds no spans/);
    fails('{"resourceSpans": []}', /OTLP JSON but holds no spans/);
    fails(JSON.stringify([{ traceId: 'x'.repeat(32), id: '1'.repeat(16) }]), /^\[0\]\.traceId: expected 16 or 32 hex characters, got "x{10}/);
    fails(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'a'.repeat(32), spanId: '1'.repeat(16), startTimeUnixNano: 'soon' }] }] }] }), /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.startTimeUnixNano: expected a time in nanoseconds, got "soon"/);
    fails(JSON.stringify({ data: [{ spans: [{ traceID: 'a'.repeat(32), spanID: '1'.repeat(16), startTime: 1, processID: 'p9' }], processes: {} }] }), /data\[0\]\.spans\[0\]\.processID: "p9" is not in data\[0\]\.processes/);
    fails(JSON.stringify({ data: [{ spans: [{ traceID: 'a'.repeat(32), spanID: '1'.repeat(16), startTime: 1, tags: [{ key: 'n', type: 'int64', value: 'many' }] }] }] }), /tags\[0\]\.value: expected a int64 value, got "many"/);
  });

  it('refuses values nested deeper than it reads, without overflowing the stack', () => {
    const depth = 5000;
    const value = `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"leaf"}${']}}'.repeat(depth)}`;
    const span = `{"traceId":"${'a'.repeat(32)}","spanId":"${'1'.repeat(16)}","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[{"key":"deep","value":${value}}]}`;
    // JSON.parse itself handles this depth; the converter must stop early with a clear error.
    fails(`{"resourceSpans":[{"scopeSpans":[{"spans":[${span}]}]}]}`, /nested deeper than 16 levels/);
  });

  it('detects the format from the shape', () => {
    assert.equal(detectFormat([]), 'zipkin');
    assert.equal(detectFormat({ resourceSpans: [] }), 'otlp');
    assert.equal(detectFormat({ data: [] }), 'jaeger');
    assert.equal(detectFormat({ traceID: 'x', spans: [] }), 'jaeger');
  });
});
