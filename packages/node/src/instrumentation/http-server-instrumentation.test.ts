import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startHttpInstrumentation } from './start-http-instrumentation.js';
import type { HttpInstrumentation } from './start-http-instrumentation.js';
import type { HttpInstrumentationOptions } from './http-instrumentation-options.js';
import { setHttpRoute } from './http-route.js';
import { installTestTracing } from './test-support/otel-test-tracing.js';
import type { TestTracing } from './test-support/otel-test-tracing.js';
import { closeServer, httpExchange, listenLocally } from './test-support/local-http.js';

const REMOTE_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const REMOTE_SPAN_ID = 'b7ad6b7169203331';

describe('http server instrumentation', () => {
  let tracing: TestTracing;
  let instrumentation: HttpInstrumentation | undefined;
  let server: http.Server | undefined;

  before(() => {
    tracing = installTestTracing();
  });
  after(async () => {
    await tracing.uninstall();
  });
  afterEach(async () => {
    instrumentation?.stop();
    instrumentation = undefined;
    if (server !== undefined) await closeServer(server);
    server = undefined;
    tracing.reset();
  });

  async function serve(handler: http.RequestListener, options: HttpInstrumentationOptions = {}): Promise<string> {
    instrumentation = startHttpInstrumentation({ client: false, fetch: false, ...options });
    server = http.createServer(handler);
    return listenLocally(server);
  }

  const serverSpan = (path: string) =>
    tracing.waitForSpan((s) => s.kind === SpanKind.SERVER && s.attributes['url.path'] === path, `server span for ${path}`);

  it('records a SERVER span with the stable HTTP attributes', async () => {
    const base = await serve((req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end('hello');
    });
    const port = Number(new URL(base).port);
    const response = await httpExchange(`${base}/hello?name=x&sig=secret`, { headers: { 'user-agent': 'skein-test/1' } });
    assert.equal(response.body, 'hello');
    const span = await serverSpan('/hello');
    assert.equal(span.name, 'GET');
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.parentSpanContext, undefined);
    assert.equal(span.instrumentationScope.name, '@skein/node/http');
    const a = span.attributes;
    assert.equal(a['http.request.method'], 'GET');
    assert.equal(a['http.request.method_original'], undefined);
    assert.equal(a['url.path'], '/hello');
    assert.equal(a['url.query'], 'name=x&sig=REDACTED');
    assert.equal(a['url.scheme'], 'http');
    assert.equal(a['http.response.status_code'], 200);
    assert.equal(a['server.address'], '127.0.0.1');
    assert.equal(a['server.port'], port);
    assert.equal(a['client.address'], '127.0.0.1');
    assert.equal(a['network.peer.address'], '127.0.0.1');
    assert.equal(typeof a['network.peer.port'], 'number');
    assert.equal(a['user_agent.original'], 'skein-test/1');
    assert.equal(a['network.protocol.version'], '1.1');
    assert.equal(a['http.route'], undefined);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
  });

  it('marks 5xx as an error but not 4xx', async () => {
    const base = await serve((req, res) => {
      res.statusCode = req.url === '/boom' ? 503 : 404;
      res.end();
    });
    await httpExchange(`${base}/boom`);
    await httpExchange(`${base}/missing`);
    const failed = await serverSpan('/boom');
    assert.equal(failed.attributes['http.response.status_code'], 503);
    assert.equal(failed.attributes['error.type'], '503');
    assert.equal(failed.status.code, SpanStatusCode.ERROR);
    const missing = await serverSpan('/missing');
    assert.equal(missing.attributes['http.response.status_code'], 404);
    assert.equal(missing.attributes['error.type'], undefined);
    assert.equal(missing.status.code, SpanStatusCode.UNSET);
  });

  it('continues the trace from a traceparent header', async () => {
    const base = await serve((req, res) => res.end());
    await httpExchange(`${base}/child`, { headers: { traceparent: `00-${REMOTE_TRACE_ID}-${REMOTE_SPAN_ID}-01` } });
    const span = await serverSpan('/child');
    assert.equal(span.spanContext().traceId, REMOTE_TRACE_ID);
    assert.equal(span.parentSpanContext?.spanId, REMOTE_SPAN_ID);
    assert.equal(span.parentSpanContext?.isRemote, true);
  });

  it('keeps a malformed traceparent from breaking the request (new root trace)', async () => {
    const base = await serve((req, res) => res.end('ok'));
    const response = await httpExchange(`${base}/bad`, { headers: { traceparent: 'garbage' } });
    assert.equal(response.body, 'ok');
    const span = await serverSpan('/bad');
    assert.equal(span.parentSpanContext, undefined);
  });

  it('makes the server span active in the handler, also after awaits and in body events', async () => {
    const seen: Record<string, string | undefined> = {};
    const base = await serve(async (req, res) => {
      seen['sync'] = trace.getActiveSpan()?.spanContext().spanId;
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen['afterAwait'] = trace.getActiveSpan()?.spanContext().spanId;
      req.on('data', () => {
        seen['inData'] = trace.getActiveSpan()?.spanContext().spanId;
      });
      req.on('end', async () => {
        await Promise.resolve();
        const child = trace.getTracer('app').startSpan('child work');
        child.end();
        res.end('done');
      });
    });
    await httpExchange(`${base}/work`, { method: 'POST', body: 'payload' });
    const span = await serverSpan('/work');
    const child = await tracing.waitForSpan((s) => s.name === 'child work');
    const serverSpanId = span.spanContext().spanId;
    assert.equal(seen['sync'], serverSpanId);
    assert.equal(seen['afterAwait'], serverSpanId);
    assert.equal(seen['inData'], serverSpanId);
    assert.equal(child.parentSpanContext?.spanId, serverSpanId);
    assert.equal(child.spanContext().traceId, span.spanContext().traceId);
  });

  it('gives each keep-alive request its own context, and none to ignored ones', async () => {
    const active: Record<string, string | undefined> = {};
    const base = await serve(
      (req, res) => {
        active[req.url ?? ''] = trace.getActiveSpan()?.spanContext().spanId;
        res.end();
      },
      { ignoreIncomingPaths: ['/health'] },
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const path of ['/one', '/health', '/two']) await httpExchange(`${base}${path}`, { agent });
    } finally {
      agent.destroy();
    }
    const one = await serverSpan('/one');
    const two = await serverSpan('/two');
    assert.equal(active['/one'], one.spanContext().spanId);
    assert.equal(active['/two'], two.spanContext().spanId);
    assert.equal(active['/health'], undefined, 'an ignored request must not inherit the previous request span');
    assert.equal(two.parentSpanContext, undefined, 'the second request is a new root, not a child of the first');
    assert.equal(tracing.spans().filter((s) => s.attributes['url.path'] === '/health').length, 0);
  });

  it('ignores paths by exact match, prefix and RegExp', async () => {
    const base = await serve((req, res) => res.end(), { ignoreIncomingPaths: ['/health', '/internal/*', /^\/metrics$/] });
    for (const path of ['/health', '/internal/x', '/metrics', '/healthz', '/kept']) await httpExchange(`${base}${path}?q=1`);
    await serverSpan('/kept');
    await serverSpan('/healthz');
    const paths = tracing.spans().map((s) => s.attributes['url.path']).sort();
    assert.deepEqual(paths, ['/healthz', '/kept']);
  });

  it('captures the configured headers and redacts secrets', async () => {
    const base = await serve(
      (req, res) => {
        res.setHeader('x-served-by', 'unit');
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.end();
      },
      {
        captureHeaders: {
          serverRequest: ['X-Request-Id', 'authorization', 'x-session-token', 'cookie', 'x-absent'],
          serverResponse: ['x-served-by', 'set-cookie'],
        },
      },
    );
    await httpExchange(`${base}/headers`, {
      headers: { 'x-request-id': 'r-1', authorization: 'Bearer abc', 'x-session-token': 't', cookie: 'sid=1' },
    });
    const a = (await serverSpan('/headers')).attributes;
    assert.deepEqual(a['http.request.header.x-request-id'], ['r-1']);
    assert.deepEqual(a['http.request.header.authorization'], ['REDACTED']);
    assert.deepEqual(a['http.request.header.x-session-token'], ['REDACTED']);
    assert.deepEqual(a['http.request.header.cookie'], ['REDACTED']);
    assert.equal(a['http.request.header.x-absent'], undefined);
    assert.deepEqual(a['http.response.header.x-served-by'], ['unit']);
    assert.deepEqual(a['http.response.header.set-cookie'], ['REDACTED', 'REDACTED']);
  });

  it('uses X-Forwarded-For for client.address and keeps the peer as network.peer.address', async () => {
    const base = await serve((req, res) => res.end());
    await httpExchange(`${base}/xff`, { headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' } });
    const a = (await serverSpan('/xff')).attributes;
    assert.equal(a['client.address'], '203.0.113.7');
    assert.equal(a['network.peer.address'], '127.0.0.1');
  });

  it('reports an unknown method as _OTHER and names the span HTTP', async () => {
    const base = await serve((req, res) => res.end());
    await httpExchange(`${base}/odd`, { method: 'PROPFIND' });
    const span = await serverSpan('/odd');
    assert.equal(span.name, 'HTTP');
    assert.equal(span.attributes['http.request.method'], '_OTHER');
    assert.equal(span.attributes['http.request.method_original'], 'PROPFIND');
  });

  it('takes a route set with setHttpRoute into the name and http.route', async () => {
    const base = await serve((req, res) => {
      setHttpRoute(req, '/users/:id');
      res.end();
    });
    await httpExchange(`${base}/users/42`);
    const span = await serverSpan('/users/42');
    assert.equal(span.name, 'GET /users/:id');
    assert.equal(span.attributes['http.route'], '/users/:id');
  });

  it('ends the span when the client goes away before the response', async () => {
    let handlerStarted!: () => void;
    const started = new Promise<void>((resolve) => (handlerStarted = resolve));
    let responseClosed!: () => void;
    const closed = new Promise<void>((resolve) => (responseClosed = resolve));
    const base = await serve((req, res) => {
      res.on('close', () => responseClosed());
      handlerStarted(); // and never respond
    });
    const request = http.get(`${base}/abandoned`);
    request.on('error', () => {});
    await started;
    request.destroy();
    await closed;
    const span = await serverSpan('/abandoned');
    assert.equal(span.ended, true);
    assert.equal(span.attributes['http.response.status_code'], undefined);
  });

  it('does not trace requests served in a suppressed context', async () => {
    const { suppressTracing } = await import('../export/suppress-tracing.js');
    instrumentation = startHttpInstrumentation({ client: false, fetch: false });
    server = http.createServer((req, res) => res.end());
    // The connection inherits the context the server listened in.
    const base = await context.with(suppressTracing(context.active()), () => listenLocally(server!));
    await httpExchange(`${base}/quiet`);
    await httpExchange(`${base}/quiet`);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(tracing.spans().length, 0);
  });
});
