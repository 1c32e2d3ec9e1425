// The helpers and the OpenTracing bridge against Skein's own core (startSkeinNode), not the
// OpenTelemetry JS SDK the other tests use: same API, so the same behaviour — plus automatic
// HTTP client spans nesting under an activated OpenTracing span.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { FORMAT_HTTP_HEADERS, Tags } from 'opentracing';
import { startSkeinNode } from '../sdk/start-skein-node.js';
import type { SkeinNode } from '../sdk/skein-node-options.js';
import type { FinishedSpan } from '../trace/finished-span.js';
import type { SpanProcessor } from '../trace/span-processor.js';
import { traced } from '../helpers/traced.js';
import { withSpan } from '../helpers/with-span.js';
import { HELPER_TRACER_NAME } from '../helpers/helper-tracer.js';
import { OPENTRACING_TRACER_NAME, SkeinOpenTracingTracer } from './index.js';

class CollectingProcessor implements SpanProcessor {
  spans: FinishedSpan[] = [];
  onStart(): void {}
  onEnd(span: FinishedSpan): void { this.spans.push(span); }
  forceFlush(): Promise<void> { return Promise.resolve(); }
  shutdown(): Promise<void> { return Promise.resolve(); }
  named(name: string): FinishedSpan {
    const found = this.spans.filter((span) => span.name === name);
    assert.equal(found.length, 1, `one span named ${name}: ${this.spans.map((span) => span.name)}`);
    return found[0]!;
  }
}

class Inventory {
  @traced()
  async reserve(sku: string): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve));
    if (sku === '') throw new Error('no sku');
    return `reserved ${sku}`;
  }
}

describe('helpers and the OpenTracing bridge on Skein\'s core', () => {
  const collector = new CollectingProcessor();
  let skein: SkeinNode;
  before(() => {
    skein = startSkeinNode({
      env: {}, serviceName: 'core-test', exporters: ['none'], spanProcessors: [collector], propagators: ['tracecontext', 'baggage'],
      installDiagLogger: false, shutdownOnExit: false,
    });
  });
  beforeEach(() => { collector.spans = []; });
  after(async () => {
    await skein.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('traced / withSpan / @traced make nested spans under the @skein/node scope and record errors', async () => {
    const result = await traced('checkout', async () => {
      await withSpan('charge', { attributes: { amount: 5 } }, (span) => span.addEvent('charged'));
      return new Inventory().reserve('sku-1');
    });
    assert.equal(result, 'reserved sku-1');
    await assert.rejects(new Inventory().reserve(''), /no sku/);
    const checkout = collector.named('checkout');
    assert.equal(checkout.scope.name, HELPER_TRACER_NAME);
    assert.equal(checkout.parentSpanId, undefined);
    assert.equal(collector.named('charge').parentSpanId, checkout.spanContext().spanId);
    assert.equal(collector.named('charge').attributes['amount'], 5);
    const reserves = collector.spans.filter((span) => span.name === 'Inventory.reserve');
    assert.equal(reserves[0]?.parentSpanId, checkout.spanContext().spanId);
    assert.equal(reserves[1]?.status.code, SpanStatusCode.ERROR);
    assert.equal(reserves[1]?.events.some((event) => event.name === 'exception'), true);
  });

  it('the bridge maps kinds, tags, logs, references and baggage onto Skein spans', () => {
    const tracer = new SkeinOpenTracingTracer();
    const server = tracer.startSpan('GET /orders', { tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_SERVER, [Tags.HTTP_METHOD]: 'GET' } });
    server.setBaggageItem('tenant', 'acme');
    const client = tracer.startSpan('SELECT orders', { childOf: server, tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_CLIENT, [Tags.ERROR]: true } });
    client.log({ event: 'query', rows: 3 });
    const headers: Record<string, string> = {};
    tracer.inject(client, FORMAT_HTTP_HEADERS, headers);
    const remote = tracer.extract(FORMAT_HTTP_HEADERS, headers);
    const downstream = tracer.startSpan('downstream', { childOf: remote ?? undefined });
    assert.equal(downstream.getBaggageItem('tenant'), 'acme');
    for (const span of [downstream, client, server]) span.finish();

    assert.equal(headers['traceparent'], `00-${client.context().toTraceId()}-${client.context().toSpanId()}-01`);
    assert.equal(headers['baggage'], 'tenant=acme');
    const serverSpan = collector.named('GET /orders');
    assert.equal(serverSpan.scope.name, OPENTRACING_TRACER_NAME);
    assert.equal(serverSpan.kind, SpanKind.SERVER);
    assert.equal(serverSpan.attributes['http.method'], 'GET');
    const clientSpan = collector.named('SELECT orders');
    assert.equal(clientSpan.kind, SpanKind.CLIENT);
    assert.equal(clientSpan.status.code, SpanStatusCode.ERROR);
    assert.equal(clientSpan.parentSpanId, serverSpan.spanContext().spanId);
    assert.deepEqual(clientSpan.events.map((event) => [event.name, event.attributes]), [['query', { rows: 3 }]]);
    assert.equal(collector.named('downstream').parentSpanId, clientSpan.spanContext().spanId);
    assert.equal(collector.named('downstream').spanContext().traceId, serverSpan.spanContext().traceId);
  });

  it('automatic HTTP client spans nest under an activated OpenTracing span', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const tracer = new SkeinOpenTracingTracer();
      const job = tracer.startSpan('nightly job');
      await tracer.activate(job, () => new Promise<void>((resolve, reject) => {
        http.get(`http://127.0.0.1:${port}/ping`, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
      }));
      job.finish();
      await new Promise((resolve) => setImmediate(resolve));
      const jobSpan = collector.named('nightly job');
      const clientSpans = collector.spans.filter((span) => span.kind === SpanKind.CLIENT);
      assert.equal(clientSpans.length, 1, `an automatic client span: ${collector.spans.map((span) => `${span.name}/${span.kind}`)}`);
      assert.equal(clientSpans[0]!.parentSpanId, jobSpan.spanContext().spanId);
      const serverSpans = collector.spans.filter((span) => span.kind === SpanKind.SERVER);
      assert.equal(serverSpans[0]?.parentSpanId, clientSpans[0]!.spanContext().spanId, 'and the server span continues the trace');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
