// "OpenTracing-era code works unchanged": two services written the way people wrote them with
// jaeger-client — a node:http server wrapper that extracts, tags, logs and finishes, and an HTTP
// client wrapper that starts a client span and injects headers — now report through the
// bridge into an OpenTelemetry SDK as one connected trace.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';
import * as opentracing from 'opentracing';
import { installInMemoryOtel, w3cPropagator, type InMemoryOtel } from '../helpers/test-support/in-memory-otel.js';
import { SkeinOpenTracingTracer } from './index.js';

const { Tags, FORMAT_HTTP_HEADERS } = opentracing;

// ---- the application code, as it was written for jaeger-client (plain opentracing API) ----

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, span: opentracing.Span) => Promise<void>;

function tracedServer(tracer: opentracing.Tracer, handler: Handler): http.Server {
  return http.createServer((req, res) => {
    const wireCtx = tracer.extract(FORMAT_HTTP_HEADERS, req.headers);
    const span = tracer.startSpan(`${req.method} ${req.url}`, {
      childOf: wireCtx ?? undefined,
      tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_SERVER, [Tags.HTTP_METHOD]: req.method, [Tags.HTTP_URL]: req.url },
    });
    span.log({ event: 'request_received' });
    handler(req, res, span).then(
      () => {
        span.setTag(Tags.HTTP_STATUS_CODE, res.statusCode);
        if (res.statusCode >= 500) span.setTag(Tags.ERROR, true);
        span.finish();
      },
      (err: Error) => {
        span.setTag(Tags.ERROR, true);
        span.log({ event: 'error', 'error.object': err, message: err.message });
        res.statusCode = 500;
        res.end();
        span.finish();
      },
    );
  });
}

function tracedGet(tracer: opentracing.Tracer, parent: opentracing.Span, url: string, service: string): Promise<{ status: number; body: string }> {
  const span = tracer.startSpan(`GET ${new URL(url).pathname}`, {
    childOf: parent,
    tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_CLIENT, [Tags.HTTP_METHOD]: 'GET', [Tags.HTTP_URL]: url, [Tags.PEER_SERVICE]: service },
  });
  const headers: Record<string, string> = {};
  tracer.inject(span, FORMAT_HTTP_HEADERS, headers);
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => {
        span.setTag(Tags.HTTP_STATUS_CODE, res.statusCode);
        if ((res.statusCode ?? 0) >= 500) span.setTag(Tags.ERROR, true);
        span.log({ event: 'response_received', bytes: body.length });
        span.finish();
        resolve({ status: res.statusCode ?? 0, body });
      });
    }).on('error', (err) => {
      span.setTag(Tags.ERROR, true);
      span.log({ event: 'error', 'error.object': err });
      span.finish();
      reject(err);
    });
  });
}

// ---- two services on 127.0.0.1 ----

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startServices(tracer: opentracing.Tracer) {
  const seenHeaders: string[][] = [];
  const inventory = tracedServer(tracer, async (req, res, span) => {
    seenHeaders.push(Object.keys(req.headers));
    const tenant = span.getBaggageItem('tenant') ?? 'none';
    span.log({ event: 'stock_checked', tenant });
    res.statusCode = req.url === '/broken' ? 503 : 200;
    res.end(JSON.stringify({ tenant }));
  });
  const inventoryUrl = await listen(inventory);
  const frontend = tracedServer(tracer, async (req, res, span) => {
    span.setBaggageItem('tenant', 'acme');
    const path = req.url === '/checkout-broken' ? '/broken' : '/stock';
    const downstream = await tracedGet(tracer, span, `${inventoryUrl}${path}`, 'inventory');
    res.statusCode = downstream.status === 200 ? 200 : 502;
    res.end(downstream.body);
  });
  const frontendUrl = await listen(frontend);
  return {
    frontendUrl,
    seenHeaders,
    close: () => Promise.all([inventory, frontend].map((server) => new Promise((resolve) => server.close(resolve)))),
  };
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

const propagators: [string, () => TextMapPropagator, string][] = [
  ['W3C tracecontext + baggage', w3cPropagator, 'traceparent'],
  ['Jaeger', () => new JaegerPropagator(), 'uber-trace-id'],
  ['B3 multi-header + W3C baggage', () => new CompositePropagator({ propagators: [new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }), new W3CBaggagePropagator()] }), 'x-b3-traceid'],
];

describe('OpenTracing-era HTTP services through the bridge', () => {
  let otel: InMemoryOtel | undefined;
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  afterEach(async () => {
    await services?.close();
    await otel?.uninstall();
  });

  for (const [label, propagator, traceHeader] of propagators) {
    it(`produces one connected trace with kinds, tags, logs and baggage crossing the hop (${label})`, async () => {
      otel = installInMemoryOtel(propagator());
      const tracer = new SkeinOpenTracingTracer();
      services = await startServices(tracer);

      const response = await get(`${services.frontendUrl}/checkout`);
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(response.body), { tenant: 'acme' }, 'baggage set in the frontend reached the inventory service');
      assert.ok(services.seenHeaders[0]?.includes(traceHeader), `the ${traceHeader} header came out: ${services.seenHeaders[0]}`);

      const spans = otel.spans();
      assert.equal(spans.length, 3);
      const frontend = otel.span('GET /checkout');
      const stock = spans.filter((span) => span.name === 'GET /stock');
      const client = stock.find((span) => span.kind === SpanKind.CLIENT)!;
      const inventory = stock.find((span) => span.kind === SpanKind.SERVER)!;
      assert.ok(client && inventory, 'a client and a server span for the hop');
      assert.equal(new Set(spans.map((span) => span.spanContext().traceId)).size, 1, 'one trace');

      assert.equal(frontend.kind, SpanKind.SERVER);
      assert.equal(frontend.parentSpanContext, undefined);
      assert.equal(client.kind, SpanKind.CLIENT);
      assert.equal(client.parentSpanContext?.spanId, frontend.spanContext().spanId);
      assert.equal(inventory.kind, SpanKind.SERVER);
      assert.equal(inventory.parentSpanContext?.spanId, client.spanContext().spanId);
      assert.equal(inventory.parentSpanContext?.isRemote, true);

      assert.deepEqual(frontend.attributes, { 'http.method': 'GET', 'http.url': '/checkout', 'http.status_code': 200 });
      assert.equal(client.attributes['peer.service'], 'inventory');
      assert.equal(client.attributes['http.status_code'], 200);
      assert.deepEqual(inventory.events.map((event) => [event.name, event.attributes]), [
        ['request_received', {}],
        ['stock_checked', { tenant: 'acme' }],
      ]);
      assert.deepEqual(client.events.map((event) => event.name), ['response_received']);
      for (const span of spans) assert.equal(span.status.code, SpanStatusCode.UNSET);
    });
  }

  it('marks the failing hops with ERROR status', async () => {
    otel = installInMemoryOtel();
    services = await startServices(new SkeinOpenTracingTracer());
    assert.equal((await get(`${services.frontendUrl}/checkout-broken`)).status, 502);
    const byName = new Map(otel.spans().map((span) => [`${span.kind}:${span.name}`, span]));
    assert.equal(byName.get(`${SpanKind.SERVER}:GET /broken`)?.status.code, SpanStatusCode.ERROR);
    assert.equal(byName.get(`${SpanKind.CLIENT}:GET /broken`)?.status.code, SpanStatusCode.ERROR);
    assert.equal(byName.get(`${SpanKind.SERVER}:GET /checkout-broken`)?.status.code, SpanStatusCode.ERROR);
  });
});
