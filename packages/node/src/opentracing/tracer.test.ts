import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagLogLevel, SpanKind, SpanStatusCode, context, diag, propagation, trace } from '@opentelemetry/api';
import { FORMAT_BINARY, FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP, Reference, Tags, childOf, followsFrom, type Span } from 'opentracing';
import { installInMemoryOtel, type InMemoryOtel } from '../helpers/test-support/in-memory-otel.js';
import { OPENTRACING_TRACER_NAME, SkeinOpenTracingTracer } from './tracer.js';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function hrToMs(time: [number, number]): number {
  return time[0] * 1000 + time[1] / 1e6;
}

describe('SkeinOpenTracingTracer', () => {
  let otel: InMemoryOtel;
  let tracer: SkeinOpenTracingTracer;
  beforeEach(() => {
    otel = installInMemoryOtel();
    tracer = new SkeinOpenTracingTracer();
  });
  afterEach(async () => { await otel.uninstall(); });

  describe('startSpan and finish', () => {
    it('starts a root OpenTelemetry span under the opentracing-shim scope and ends it on finish', () => {
      const span = tracer.startSpan('get user');
      assert.equal(otel.spans().length, 0);
      span.finish();
      const finished = otel.span('get user');
      assert.equal(finished.instrumentationScope.name, OPENTRACING_TRACER_NAME);
      assert.equal(finished.parentSpanContext, undefined);
      assert.equal(finished.kind, SpanKind.INTERNAL);
      assert.equal(span.context().toTraceId(), finished.spanContext().traceId);
      assert.equal(span.context().toSpanId(), finished.spanContext().spanId);
      assert.equal(span.tracer(), tracer);
    });

    it('takes explicit start and finish times in epoch milliseconds', () => {
      const start = Date.now() - 1000;
      tracer.startSpan('timed', { startTime: start }).finish(start + 250.5);
      const finished = otel.span('timed');
      assert.ok(Math.abs(hrToMs(finished.startTime) - start) < 0.01);
      assert.ok(Math.abs(hrToMs(finished.endTime) - (start + 250.5)) < 0.01);
    });

    it('renames with setOperationName', () => {
      tracer.startSpan('draft').setOperationName('final').finish();
      assert.equal(otel.spans()[0]?.name, 'final');
    });
  });

  describe('tags', () => {
    it('sets start tags as attributes at creation, mapping span.kind and error', () => {
      tracer.startSpan('rpc', {
        tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_SERVER, [Tags.HTTP_METHOD]: 'GET', [Tags.HTTP_STATUS_CODE]: 500, [Tags.ERROR]: true, user: { id: 7 } },
      }).finish();
      const span = otel.span('rpc');
      assert.equal(span.kind, SpanKind.SERVER);
      assert.deepEqual(span.attributes, { 'http.method': 'GET', 'http.status_code': 500, user: '{"id":7}' });
      assert.equal(span.status.code, SpanStatusCode.ERROR);
    });

    it('maps every span.kind value OpenTracing defines', () => {
      const kinds = [
        [Tags.SPAN_KIND_RPC_CLIENT, SpanKind.CLIENT],
        [Tags.SPAN_KIND_MESSAGING_PRODUCER, SpanKind.PRODUCER],
        [Tags.SPAN_KIND_MESSAGING_CONSUMER, SpanKind.CONSUMER],
      ] as const;
      for (const [tag, kind] of kinds) {
        tracer.startSpan(tag, { tags: { [Tags.SPAN_KIND]: tag } }).finish();
        assert.equal(otel.span(tag).kind, kind);
      }
      tracer.startSpan('odd kind', { tags: { [Tags.SPAN_KIND]: 'batch' } }).finish();
      assert.equal(otel.span('odd kind').kind, SpanKind.INTERNAL);
      assert.equal(otel.span('odd kind').attributes['span.kind'], 'batch');
    });

    it('maps setTag/addTags after start: attributes, error true → ERROR, error false → OK', () => {
      const failing = tracer.startSpan('failing');
      failing.setTag('db.type', 'sql').addTags({ 'db.statement': 'SELECT 1', rows: 0, skipped: undefined });
      failing.setTag(Tags.ERROR, true);
      failing.finish();
      const span = otel.span('failing');
      assert.deepEqual(span.attributes, { 'db.type': 'sql', 'db.statement': 'SELECT 1', rows: 0 });
      assert.equal(span.status.code, SpanStatusCode.ERROR);

      tracer.startSpan('fine').setTag(Tags.ERROR, false).finish();
      assert.equal(otel.span('fine').status.code, SpanStatusCode.OK);
    });

    it('keeps a span.kind set after start as an attribute (the OpenTelemetry kind is fixed at start)', () => {
      tracer.startSpan('late kind').setTag(Tags.SPAN_KIND, 'client').finish();
      const span = otel.span('late kind');
      assert.equal(span.kind, SpanKind.INTERNAL);
      assert.equal(span.attributes['span.kind'], 'client');
    });
  });

  describe('logs', () => {
    it('turns logs into events with their timestamps', () => {
      const at = Date.now() - 500;
      const span = tracer.startSpan('logging');
      span.log({ event: 'cache miss', key: 'k1' }, at);
      span.log({ message: 'plain' });
      span.log({ event: 'error', 'error.object': new Error('boom') });
      span.logEvent('legacy', { size: 3 });
      span.finish();
      const events = otel.span('logging').events;
      assert.deepEqual(events.map((event) => event.name), ['cache miss', 'log', 'exception', 'legacy']);
      assert.deepEqual(events[0]?.attributes, { key: 'k1' });
      assert.ok(Math.abs(hrToMs(events[0]!.time) - at) < 0.01);
      assert.equal(events[2]?.attributes?.['exception.message'], 'boom');
      assert.deepEqual(events[3]?.attributes, { size: 3 });
    });
  });

  describe('parents, references and links', () => {
    it('makes childOf (a span or a span context) the parent', () => {
      const parent = tracer.startSpan('parent');
      tracer.startSpan('child of span', { childOf: parent }).finish();
      tracer.startSpan('child of context', { childOf: parent.context() }).finish();
      parent.finish();
      for (const name of ['child of span', 'child of context']) {
        assert.equal(otel.span(name).parentSpanContext?.spanId, parent.context().toSpanId());
        assert.equal(otel.span(name).spanContext().traceId, parent.context().toTraceId());
      }
    });

    it('uses the first CHILD_OF reference as parent and links the others with opentracing.ref_type', () => {
      const a = tracer.startSpan('a');
      const b = tracer.startSpan('b');
      const c = tracer.startSpan('c');
      tracer.startSpan('joined', { references: [followsFrom(a.context()), childOf(b.context()), new Reference('child_of', c)] }).finish();
      const joined = otel.span('joined');
      assert.equal(joined.parentSpanContext?.spanId, b.context().toSpanId());
      assert.deepEqual(joined.links.map((link) => [link.context.spanId, link.attributes?.['opentracing.ref_type']]), [
        [a.context().toSpanId(), 'follows_from'],
        [c.context().toSpanId(), 'child_of'],
      ]);
    });

    it('uses a FOLLOWS_FROM reference as parent when there is no CHILD_OF', () => {
      const producer = tracer.startSpan('produce');
      tracer.startSpan('consume', { references: [followsFrom(producer.context())] }).finish();
      assert.equal(otel.span('consume').parentSpanContext?.spanId, producer.context().toSpanId());
      assert.deepEqual(otel.span('consume').links, []);
    });

    it('links every reference when childOf is also given', () => {
      const parent = tracer.startSpan('parent');
      const other = tracer.startSpan('other');
      tracer.startSpan('both', { childOf: parent, references: [followsFrom(other)] }).finish();
      assert.equal(otel.span('both').parentSpanContext?.spanId, parent.context().toSpanId());
      assert.deepEqual(otel.span('both').links.map((link) => link.context.spanId), [other.context().toSpanId()]);
    });

    it('does not change the caller\'s options object', () => {
      const parent = tracer.startSpan('parent');
      const options = { childOf: parent, references: [] as Reference[] };
      tracer.startSpan('x', options);
      assert.equal(options.childOf, parent);
      assert.deepEqual(options.references, []);
    });

    it('accepts a foreign OpenTracing span context with 64-bit ids', () => {
      const foreign = { toTraceId: () => '00f067aa0ba902b7', toSpanId: () => 'b7ad6b7169203331' };
      tracer.startSpan('from jaeger-client', { childOf: foreign as never }).finish();
      const span = otel.span('from jaeger-client');
      assert.equal(span.spanContext().traceId, '000000000000000000f067aa0ba902b7');
      assert.equal(span.parentSpanContext?.spanId, 'b7ad6b7169203331');
    });

    it('without a parent, nests under the active OpenTelemetry span', () => {
      const otelParent = trace.getTracer('app').startSpan('otel parent');
      context.with(trace.setSpan(context.active(), otelParent), () => tracer.startSpan('bridged').finish());
      otelParent.end();
      assert.equal(otel.span('bridged').parentSpanContext?.spanId, otelParent.spanContext().spanId);
    });
  });

  describe('baggage', () => {
    it('sets and reads baggage items; a new span context each time, children inherit', () => {
      const root = tracer.startSpan('root');
      const before = root.context();
      root.setBaggageItem('tenant', 'acme').setBaggageItem('plan', 'gold');
      assert.notEqual(root.context(), before, 'span contexts are immutable');
      assert.equal(before.baggage.getAllEntries().length, 0);
      assert.equal(root.getBaggageItem('tenant'), 'acme');
      assert.equal(root.getBaggageItem('missing'), undefined);
      const child = tracer.startSpan('child', { childOf: root });
      assert.equal(child.getBaggageItem('plan'), 'gold');
      child.setBaggageItem('plan', 'silver');
      assert.equal(root.getBaggageItem('plan'), 'gold', 'a child\'s change stays with the child');
    });

    it('unions the baggage of all references', () => {
      const a = tracer.startSpan('a').setBaggageItem('from-a', '1');
      const b = tracer.startSpan('b').setBaggageItem('from-b', '2');
      const joined = tracer.startSpan('joined', { references: [childOf(a), followsFrom(b)] });
      assert.equal(joined.getBaggageItem('from-a'), '1');
      assert.equal(joined.getBaggageItem('from-b'), '2');
    });

    it('takes the active OpenTelemetry baggage when no reference is given', () => {
      const active = propagation.setBaggage(context.active(), propagation.createBaggage({ region: { value: 'eu' } }));
      const span = context.with(active, () => tracer.startSpan('with ambient baggage'));
      assert.equal(span.getBaggageItem('region'), 'eu');
    });
  });

  describe('inject and extract', () => {
    for (const format of [FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP]) {
      it(`round-trips the span context and baggage through W3C headers (${format})`, () => {
        const span = tracer.startSpan('outgoing').setBaggageItem('user', 'u 1');
        const carrier: Record<string, string> = {};
        tracer.inject(span, format, carrier);
        assert.equal(carrier['traceparent'], `00-${span.context().toTraceId()}-${span.context().toSpanId()}-01`);
        assert.equal(carrier['baggage'], 'user=u%201');
        const extracted = tracer.extract(format, carrier);
        assert.equal(extracted?.toTraceId(), span.context().toTraceId());
        assert.equal(extracted?.toSpanId(), span.context().toSpanId());
        const server = tracer.startSpan('incoming', { childOf: extracted });
        assert.equal(server.getBaggageItem('user'), 'u 1');
        server.finish();
        assert.equal(otel.span('incoming').parentSpanContext?.spanId, span.context().toSpanId());
        assert.equal(otel.span('incoming').parentSpanContext?.isRemote, true);
      });
    }

    it('reads carriers whatever the case of their keys', () => {
      const extracted = tracer.extract(FORMAT_TEXT_MAP, { TraceParent: TRACEPARENT });
      assert.equal(extracted?.toSpanId(), 'b7ad6b7169203331');
    });

    it('returns null when there is nothing (or nothing valid) to extract, and never throws', () => {
      for (const carrier of [{}, { traceparent: 'garbage' }, { traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' }, null, undefined, 'text', 42]) {
        assert.equal(tracer.extract(FORMAT_HTTP_HEADERS, carrier), null);
      }
      assert.equal(tracer.extract('no such format', { traceparent: TRACEPARENT }), null);
    });

    it('returns a baggage-only context, whose children start a new trace with that baggage', () => {
      const extracted = tracer.extract(FORMAT_HTTP_HEADERS, { baggage: 'session=s9' });
      assert.ok(extracted);
      const parent = trace.getTracer('app').startSpan('active');
      const span = context.with(trace.setSpan(context.active(), parent), () => tracer.startSpan('fresh', { childOf: extracted }));
      assert.equal(span.getBaggageItem('session'), 's9');
      span.finish();
      assert.equal(otel.span('fresh').parentSpanContext, undefined);
      assert.notEqual(otel.span('fresh').spanContext().traceId, parent.spanContext().traceId);
    });

    it('injects baggage even without a valid span', () => {
      const baggageOnly = tracer.extract(FORMAT_TEXT_MAP, { baggage: 'k=v' })!;
      const carrier: Record<string, string> = {};
      tracer.inject(baggageOnly, FORMAT_TEXT_MAP, carrier);
      assert.deepEqual(carrier, { baggage: 'k=v' });
    });

    it('treats FORMAT_BINARY as unsupported: writes nothing, extracts null, says so through diag once', () => {
      const messages: string[] = [];
      const log = (message: string) => { messages.push(message); };
      diag.setLogger({ error: log, warn: log, info: log, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
      try {
        const carrier = { buffer: new ArrayBuffer(8) };
        tracer.inject(tracer.startSpan('x'), FORMAT_BINARY, carrier);
        assert.deepEqual(Object.keys(carrier), ['buffer']);
        assert.equal(tracer.extract(FORMAT_BINARY, carrier), null);
      } finally {
        diag.disable();
      }
      assert.equal(messages.length, 1);
      assert.match(messages[0]!, /FORMAT_BINARY is not supported/);
    });

    it('ignores what it cannot inject into', () => {
      assert.doesNotThrow(() => {
        tracer.inject(null as never, FORMAT_HTTP_HEADERS, {});
        tracer.inject(tracer.startSpan('x'), FORMAT_HTTP_HEADERS, null);
        tracer.inject(tracer.startSpan('x'), 'unknown', {});
      });
    });
  });

  describe('activate and activeSpan', () => {
    it('returns null when neither a span nor baggage is active', () => {
      assert.equal(tracer.activeSpan(), null);
    });

    it('makes the bridged span active for OpenTelemetry code and returns the same object', () => {
      const span = tracer.startSpan('handler').setBaggageItem('tenant', 't1');
      const result = tracer.activate(span, () => {
        assert.equal(tracer.activeSpan(), span);
        assert.equal(propagation.getActiveBaggage()?.getEntry('tenant')?.value, 't1');
        trace.getTracer('auto-instrumentation').startSpan('GET /downstream').end();
        tracer.startSpan('implicit child').finish();
        return 'done';
      });
      assert.equal(result, 'done');
      span.finish();
      assert.equal(otel.span('GET /downstream').parentSpanContext?.spanId, span.context().toSpanId());
      assert.equal(otel.span('implicit child').parentSpanContext?.spanId, span.context().toSpanId());
      assert.equal(tracer.activeSpan(), null, 'restored after fn');
    });

    it('wraps an active OpenTelemetry span it did not activate', () => {
      const otelSpan = trace.getTracer('auto').startSpan('GET /');
      const wrapped = context.with(trace.setSpan(context.active(), otelSpan), () => tracer.activeSpan());
      assert.equal(wrapped?.context().toSpanId(), otelSpan.spanContext().spanId);
      wrapped?.setTag('route', '/users').finish();
      assert.equal(otel.span('GET /').attributes['route'], '/users');
    });

    it('activate(null) runs fn with no active span', () => {
      const span = tracer.startSpan('outer');
      tracer.activate(span, () => tracer.activate(null, () => {
        assert.equal(tracer.activeSpan(), null);
        assert.equal(trace.getActiveSpan()?.spanContext().spanId, '0000000000000000');
      }));
    });
  });

  describe('never throws on bad input', () => {
    it('survives nonsense arguments', () => {
      assert.doesNotThrow(() => {
        const span = tracer.startSpan(undefined as never, { references: [null, {}, 'x'] as never, tags: null as never, startTime: 'soon' as never });
        span.setTag(Symbol('k') as never, Symbol('v'));
        span.addTags(null as never);
        span.log(null as never);
        span.log({ event: { nested: true } as never }, 'later' as never);
        span.logEvent(undefined as never, undefined);
        span.setBaggageItem(undefined as never, undefined as never);
        span.getBaggageItem(42 as never);
        span.setOperationName(null as never);
        span.finish('end' as never);
        tracer.activate(span as Span, () => undefined);
      });
    });
  });
});

describe('SkeinOpenTracingTracer with an explicit provider and propagator', () => {
  it('uses them instead of the globals', async () => {
    const otel = installInMemoryOtel();
    try {
      const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
      const { B3Propagator, B3InjectEncoding } = await import('@opentelemetry/propagator-b3');
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const tracer = new SkeinOpenTracingTracer({ tracerProvider: provider, propagator: new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }) });
      const span = tracer.startSpan('own provider');
      const headers: Record<string, string> = {};
      tracer.inject(span, FORMAT_HTTP_HEADERS, headers);
      span.finish();
      assert.equal(headers['x-b3-traceid'], span.context().toTraceId());
      assert.equal(headers['traceparent'], undefined);
      assert.equal(exporter.getFinishedSpans().length, 1);
      assert.equal(otel.spans().length, 0);
    } finally {
      await otel.uninstall();
    }
  });
});
