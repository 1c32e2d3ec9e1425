import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { suppressTracing } from '../export/suppress-tracing.js';
import { startHttpInstrumentation } from './start-http-instrumentation.js';
import type { HttpInstrumentation } from './start-http-instrumentation.js';
import type { HttpInstrumentationOptions } from './http-instrumentation-options.js';
import { nodePublishesClientRequestCreated, PropagatingHttpAgent } from './propagating-agent.js';
import { installTestTracing } from './test-support/otel-test-tracing.js';
import type { TestTracing } from './test-support/otel-test-tracing.js';
import { closeServer, httpExchange, listenLocally, refusedPort } from './test-support/local-http.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('http client and fetch instrumentation', () => {
  let tracing: TestTracing;
  let instrumentation: HttpInstrumentation | undefined;
  let server: http.Server;
  let base: string;
  let port: number;
  /** traceparent header the server saw, per path. */
  const seenTraceparent = new Map<string, string | undefined>();
  const seenBody = new Map<string, string>();

  before(async () => {
    tracing = installTestTracing();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = (req.url ?? '').split('?')[0]!;
        const traceparent = req.headers.traceparent;
        seenTraceparent.set(path, typeof traceparent === 'string' ? traceparent : undefined);
        seenBody.set(path, Buffer.concat(chunks).toString());
        res.setHeader('x-upstream', 'u1');
        res.statusCode = path.startsWith('/status/') ? Number(path.slice('/status/'.length)) : 200;
        res.end('reply');
      });
    });
    base = await listenLocally(server);
    port = Number(new URL(base).port);
  });
  after(async () => {
    await closeServer(server);
    await tracing.uninstall();
  });
  afterEach(() => {
    instrumentation?.stop();
    instrumentation = undefined;
    tracing.reset();
    seenTraceparent.clear();
  });

  function start(options: HttpInstrumentationOptions = {}): void {
    // Client side only: the test server stays untraced, so every span here is a client span.
    instrumentation = startHttpInstrumentation({ server: false, ...options });
  }

  const clientSpan = (url: string) =>
    tracing.waitForSpan((s) => s.kind === SpanKind.CLIENT && s.attributes['url.full'] === url, `client span for ${url}`);

  /** The server saw this span as the traceparent's parent, in this span's trace. */
  function assertPropagated(span: ReadableSpan, path: string): void {
    const header = seenTraceparent.get(path);
    assert.ok(header !== undefined, `the server saw no traceparent for ${path}`);
    const [, traceId, spanId] = TRACEPARENT.exec(header) ?? [];
    assert.equal(traceId, span.spanContext().traceId);
    assert.equal(spanId, span.spanContext().spanId);
  }

  async function inParentSpan<T>(fn: () => Promise<T>): Promise<{ result: T; parent: string; traceId: string }> {
    const parent = trace.getTracer('app').startSpan('parent');
    try {
      const result = await context.with(trace.setSpan(context.active(), parent), fn);
      return { result, parent: parent.spanContext().spanId, traceId: parent.spanContext().traceId };
    } finally {
      parent.end();
    }
  }

  it('http.get: CLIENT span with attributes, parent from the active context, headers injected', async () => {
    start();
    const { parent, traceId } = await inParentSpan(
      () =>
        new Promise<void>((resolve, reject) => {
          http
            .get(`${base}/get?x=1`, (res) => {
              res.resume();
              res.on('end', resolve);
            })
            .on('error', reject);
        }),
    );
    const span = await clientSpan(`${base}/get?x=1`);
    assert.equal(span.name, 'GET');
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.parentSpanContext?.spanId, parent);
    assert.equal(span.spanContext().traceId, traceId);
    assert.equal(span.attributes['http.request.method'], 'GET');
    assert.equal(span.attributes['server.address'], '127.0.0.1');
    assert.equal(span.attributes['server.port'], port);
    assert.equal(span.attributes['http.response.status_code'], 200);
    assert.equal(span.attributes['network.protocol.version'], '1.1');
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    assertPropagated(span, '/get');
  });

  it('http.request with end(body) and with write() then a later end()', async () => {
    start();
    await httpExchange(`${base}/post-end`, { method: 'POST', body: 'one shot' });
    await new Promise<void>((resolve, reject) => {
      const request = http.request(`${base}/post-stream`, { method: 'PUT' }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      request.on('error', reject);
      request.write('part 1, ');
      setImmediate(() => request.end('part 2'));
    });
    const posted = await clientSpan(`${base}/post-end`);
    assert.equal(posted.name, 'POST');
    assertPropagated(posted, '/post-end');
    assert.equal(seenBody.get('/post-end'), 'one shot');
    const streamed = await clientSpan(`${base}/post-stream`);
    assert.equal(streamed.name, 'PUT');
    assertPropagated(streamed, '/post-stream');
    assert.equal(seenBody.get('/post-stream'), 'part 1, part 2');
  });

  it('a caller-supplied PropagatingHttpAgent propagates too', async () => {
    start({ propagateViaGlobalAgents: false });
    const agent = new PropagatingHttpAgent({ keepAlive: true });
    try {
      await httpExchange(`${base}/own-agent`, { agent });
    } finally {
      agent.destroy();
    }
    const span = await clientSpan(`${base}/own-agent`);
    assertPropagated(span, '/own-agent');
  });

  it('without the agents, still records the span (propagating only where Node publishes the created channel)', async () => {
    start({ propagateViaGlobalAgents: false });
    assert.equal(Object.getPrototypeOf(http.globalAgent), http.Agent.prototype);
    await httpExchange(`${base}/plain-agent`);
    const span = await clientSpan(`${base}/plain-agent`);
    assert.equal(span.attributes['http.response.status_code'], 200);
    if (nodePublishesClientRequestCreated()) assertPropagated(span, '/plain-agent');
    else assert.equal(seenTraceparent.get('/plain-agent'), undefined);
  });

  it('marks responses >= 400 as errors', async () => {
    start();
    await httpExchange(`${base}/status/404`);
    const span = await clientSpan(`${base}/status/404`);
    assert.equal(span.attributes['http.response.status_code'], 404);
    assert.equal(span.attributes['error.type'], '404');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
  });

  it('records a refused connection as an exception with error.type', async () => {
    start();
    const closedPort = await refusedPort();
    await assert.rejects(httpExchange(`http://127.0.0.1:${closedPort}/nothing`), { code: 'ECONNREFUSED' });
    const span = await clientSpan(`http://127.0.0.1:${closedPort}/nothing`);
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes['error.type'], 'ECONNREFUSED');
    assert.equal(span.events.filter((event) => event.name === 'exception').length, 1);
  });

  it('does not trace requests made in a suppressed context (the exporter’s own)', async () => {
    start();
    await context.with(suppressTracing(context.active()), async () => {
      await httpExchange(`${base}/export`, { method: 'POST', body: 'spans' });
      const response = await fetch(`${base}/export-fetch`, { method: 'POST', body: 'spans' });
      await response.text();
    });
    await httpExchange(`${base}/after`);
    await clientSpan(`${base}/after`);
    assert.deepEqual(
      tracing.spans().map((s) => s.attributes['url.full']),
      [`${base}/after`],
    );
    assert.equal(seenTraceparent.get('/export'), undefined);
    assert.equal(seenTraceparent.get('/export-fetch'), undefined);
  });

  it('ignores outgoing requests by host, URL prefix and RegExp', async () => {
    start({ ignoreOutgoing: [`${base}/skip-prefix`, /skip-pattern/] });
    await httpExchange(`${base}/skip-prefix/a`);
    await httpExchange(`${base}/x/skip-pattern`);
    await httpExchange(`${base}/kept`);
    await clientSpan(`${base}/kept`);
    assert.equal(tracing.spans().length, 1);
    instrumentation?.stop();
    start({ ignoreOutgoing: ['127.0.0.1'] });
    await httpExchange(`${base}/by-host`);
    const response = await fetch(`${base}/by-host-fetch`);
    await response.text();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(tracing.spans().length, 1);
  });

  it('captures configured client headers with secrets redacted', async () => {
    start({ captureHeaders: { clientRequest: ['x-client', 'authorization'], clientResponse: ['x-upstream'] } });
    await httpExchange(`${base}/hdr`, { headers: { 'x-client': 'c1', authorization: 'Basic eA==' } });
    const response = await fetch(`${base}/hdr-fetch`, { headers: { 'x-client': 'c2', authorization: 'Bearer t' } });
    await response.text();
    const viaHttp = await clientSpan(`${base}/hdr`);
    assert.deepEqual(viaHttp.attributes['http.request.header.x-client'], ['c1']);
    assert.deepEqual(viaHttp.attributes['http.request.header.authorization'], ['REDACTED']);
    assert.deepEqual(viaHttp.attributes['http.response.header.x-upstream'], ['u1']);
    const viaFetch = await clientSpan(`${base}/hdr-fetch`);
    assert.deepEqual(viaFetch.attributes['http.request.header.x-client'], ['c2']);
    assert.deepEqual(viaFetch.attributes['http.request.header.authorization'], ['REDACTED']);
    assert.deepEqual(viaFetch.attributes['http.response.header.x-upstream'], ['u1']);
  });

  describe('fetch', () => {
    it('records a CLIENT span, injects traceparent and keeps the caller as parent', async () => {
      start();
      const { result, parent } = await inParentSpan(async () => {
        const response = await fetch(`${base}/fetched?q=1`);
        return response.text();
      });
      assert.equal(result, 'reply');
      const span = await clientSpan(`${base}/fetched?q=1`);
      assert.equal(span.name, 'GET');
      assert.equal(span.parentSpanContext?.spanId, parent);
      assert.equal(span.attributes['http.request.method'], 'GET');
      assert.equal(span.attributes['server.address'], '127.0.0.1');
      assert.equal(span.attributes['server.port'], port);
      assert.equal(span.attributes['http.response.status_code'], 200);
      assertPropagated(span, '/fetched');
    });

    it('marks >= 400 as an error', async () => {
      start();
      const response = await fetch(`${base}/status/500`, { method: 'DELETE' });
      await response.text();
      const span = await clientSpan(`${base}/status/500`);
      assert.equal(span.name, 'DELETE');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.attributes['error.type'], '500');
    });

    it('records a refused connection', async () => {
      start();
      const closedPort = await refusedPort();
      await assert.rejects(fetch(`http://127.0.0.1:${closedPort}/down`));
      const span = await clientSpan(`http://127.0.0.1:${closedPort}/down`);
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.attributes['error.type'], 'ECONNREFUSED');
    });
  });
});
