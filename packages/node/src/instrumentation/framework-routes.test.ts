import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import express from 'express';
import Fastify from 'fastify';
import { startHttpInstrumentation } from './start-http-instrumentation.js';
import type { HttpInstrumentation } from './start-http-instrumentation.js';
import { installTestTracing } from './test-support/otel-test-tracing.js';
import type { TestTracing } from './test-support/otel-test-tracing.js';
import { closeServer, httpExchange, listenLocally } from './test-support/local-http.js';

describe('route templates from real frameworks', () => {
  let tracing: TestTracing;
  let instrumentation: HttpInstrumentation;

  before(() => {
    tracing = installTestTracing();
    instrumentation = startHttpInstrumentation({ client: false, fetch: false });
  });
  after(async () => {
    instrumentation.stop();
    await tracing.uninstall();
  });
  afterEach(() => tracing.reset());

  const serverSpan = (path: string) =>
    tracing.waitForSpan((s) => s.kind === SpanKind.SERVER && s.attributes['url.path'] === path, `server span for ${path}`);

  describe('Express 5', () => {
    let server: http.Server;
    let base: string;
    const childParents: Record<string, string | undefined> = {};

    before(async () => {
      const app = express();
      app.set('env', 'test'); // finalhandler stays quiet about the deliberate error
      const users = express.Router();
      users.get('/:id', async (req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const child = trace.getTracer('app').startSpan('load user');
        childParents[req.params.id] = child.spanContext().spanId;
        child.end();
        res.json({ id: req.params.id });
      });
      users.get('/', (req, res) => {
        res.send('all');
      });
      app.use('/api/users', users);
      app.get('/items/:item', (req, res) => {
        res.send(req.params.item);
      });
      app.get('/fail', () => {
        throw new Error('handler failed');
      });
      server = http.createServer(app);
      base = await listenLocally(server);
    });
    after(async () => closeServer(server));

    it('names the span after a top-level route', async () => {
      const response = await httpExchange(`${base}/items/7`);
      assert.equal(response.body, '7');
      const span = await serverSpan('/items/7');
      assert.equal(span.name, 'GET /items/:item');
      assert.equal(span.attributes['http.route'], '/items/:item');
    });

    it('joins the mount path of a router with the route, and parents handler spans', async () => {
      await httpExchange(`${base}/api/users/42`);
      const span = await serverSpan('/api/users/42');
      assert.equal(span.name, 'GET /api/users/:id');
      assert.equal(span.attributes['http.route'], '/api/users/:id');
      const child = await tracing.waitForSpan((s) => s.name === 'load user');
      assert.equal(child.parentSpanContext?.spanId, span.spanContext().spanId);
      assert.equal(childParents['42'], child.spanContext().spanId);
    });

    it('uses the mount path alone for a router root route', async () => {
      await httpExchange(`${base}/api/users`);
      const span = await serverSpan('/api/users');
      assert.equal(span.attributes['http.route'], '/api/users');
    });

    it('leaves 404s without a route', async () => {
      const response = await httpExchange(`${base}/nowhere`);
      assert.equal(response.status, 404);
      const span = await serverSpan('/nowhere');
      assert.equal(span.name, 'GET');
      assert.equal(span.attributes['http.route'], undefined);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
    });

    it('marks errors that Express turns into 500 as failed, with the route', async () => {
      const response = await httpExchange(`${base}/fail`);
      assert.equal(response.status, 500);
      const span = await serverSpan('/fail');
      assert.equal(span.name, 'GET /fail');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.attributes['http.response.status_code'], 500);
    });
  });

  describe('Fastify 5', () => {
    const app = Fastify();
    let base: string;

    before(async () => {
      app.get('/orders/:orderId', async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const child = trace.getTracer('app').startSpan('load order');
        child.end();
        return { id: (request.params as { orderId: string }).orderId };
      });
      await app.register(
        async (scoped) => {
          scoped.get('/status/:name', async () => 'ok');
        },
        { prefix: '/v2' },
      );
      app.get('/explode', async () => {
        throw new Error('fastify handler failed');
      });
      app.post('/echo', async (request) => request.body);
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await app.close();
    });

    it('names the span after the route template and parents handler spans', async () => {
      const response = await httpExchange(`${base}/orders/9`);
      assert.deepEqual(JSON.parse(response.body), { id: '9' });
      const span = await serverSpan('/orders/9');
      assert.equal(span.name, 'GET /orders/:orderId');
      assert.equal(span.attributes['http.route'], '/orders/:orderId');
      const child = await tracing.waitForSpan((s) => s.name === 'load order');
      assert.equal(child.parentSpanContext?.spanId, span.spanContext().spanId);
    });

    it('includes the plugin prefix', async () => {
      await httpExchange(`${base}/v2/status/db`);
      const span = await serverSpan('/v2/status/db');
      assert.equal(span.attributes['http.route'], '/v2/status/:name');
    });

    it('records the handler error from the fastify.request.handler channel', async () => {
      const response = await httpExchange(`${base}/explode`);
      assert.equal(response.status, 500);
      const span = await serverSpan('/explode');
      assert.equal(span.name, 'GET /explode');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      const exception = span.events.find((event) => event.name === 'exception');
      assert.equal(exception?.attributes?.['exception.message'], 'fastify handler failed');
    });

    it('leaves 404s without a route', async () => {
      const response = await httpExchange(`${base}/none`);
      assert.equal(response.status, 404);
      const span = await serverSpan('/none');
      assert.equal(span.name, 'GET');
      assert.equal(span.attributes['http.route'], undefined);
    });

    it('lets Fastify read a JSON body', async () => {
      const response = await httpExchange(`${base}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ a: 1 }),
      });
      assert.deepEqual(JSON.parse(response.body), { a: 1 });
      const span = await serverSpan('/echo');
      assert.equal(span.name, 'POST /echo');
    });
  });
});
