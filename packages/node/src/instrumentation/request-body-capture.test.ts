import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import { truncateUtf8 } from './request-body-capture.js';
import { startHttpInstrumentation } from './start-http-instrumentation.js';
import type { HttpInstrumentation } from './start-http-instrumentation.js';
import { installTestTracing } from './test-support/otel-test-tracing.js';
import type { TestTracing } from './test-support/otel-test-tracing.js';
import { closeServer, httpExchange, listenLocally } from './test-support/local-http.js';

describe('truncateUtf8', () => {
  it('keeps short input whole', () => {
    assert.equal(truncateUtf8(Buffer.from('héllo'), 100), 'héllo');
  });
  it('cuts at maxBytes on a character boundary', () => {
    const bytes = Buffer.from('aé€😀'); // 1 + 2 + 3 + 4 bytes
    assert.equal(truncateUtf8(bytes, 1), 'a');
    assert.equal(truncateUtf8(bytes, 2), 'a');
    assert.equal(truncateUtf8(bytes, 3), 'aé');
    assert.equal(truncateUtf8(bytes, 5), 'aé');
    assert.equal(truncateUtf8(bytes, 6), 'aé€');
    assert.equal(truncateUtf8(bytes, 9), 'aé€');
    assert.equal(truncateUtf8(bytes, 10), 'aé€😀');
    assert.equal(truncateUtf8(bytes, 0), '');
  });
});

/** A body large enough to arrive in several chunks. */
const BIG_BODY = 'abcdefghij'.repeat(20_000);

describe('request body capture', () => {
  let tracing: TestTracing;
  let instrumentation: HttpInstrumentation | undefined;
  let server: http.Server | undefined;

  before(() => {
    tracing = installTestTracing();
  });
  after(async () => tracing.uninstall());
  afterEach(async () => {
    instrumentation?.stop();
    instrumentation = undefined;
    if (server !== undefined) await closeServer(server);
    server = undefined;
    tracing.reset();
  });

  /** The server answers with what the application read: `<bytes>:<first 10 chars>`. */
  async function serve(read: (req: http.IncomingMessage) => Promise<string>, maxBytes?: number): Promise<string> {
    instrumentation = startHttpInstrumentation({
      client: false,
      fetch: false,
      ...(maxBytes === undefined ? {} : { captureRequestBody: { maxBytes } }),
    });
    server = http.createServer(async (req, res) => {
      const body = await read(req);
      res.end(`${Buffer.byteLength(body)}:${body.slice(0, 10)}`);
    });
    return listenLocally(server);
  }

  const serverSpan = (path: string) =>
    tracing.waitForSpan((s) => s.kind === SpanKind.SERVER && s.attributes['url.path'] === path);

  const readWithDataEventsLater = async (req: http.IncomingMessage): Promise<string> => {
    // The application attaches its reader only after an await: nothing may be lost meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
  };

  it('is off by default', async () => {
    const base = await serve(readWithDataEventsLater);
    const response = await httpExchange(`${base}/off`, { method: 'POST', body: 'secret payload' });
    assert.equal(response.body, '14:secret pay');
    const span = await serverSpan('/off');
    assert.equal(span.attributes['http.request.body'], undefined);
  });

  it('captures a late data-event reader, truncated, while the app reads everything', async () => {
    const base = await serve(readWithDataEventsLater, 1024);
    const response = await httpExchange(`${base}/late`, { method: 'POST', body: BIG_BODY });
    assert.equal(response.body, `${BIG_BODY.length}:abcdefghij`);
    const span = await serverSpan('/late');
    assert.equal(span.attributes['http.request.body'], BIG_BODY.slice(0, 1024));
  });

  it('captures an async-iterator (readable mode) reader without disturbing it', async () => {
    const base = await serve(async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString();
    }, 2048);
    const response = await httpExchange(`${base}/iterate`, { method: 'POST', body: BIG_BODY });
    assert.equal(response.body, `${BIG_BODY.length}:abcdefghij`);
    const span = await serverSpan('/iterate');
    assert.equal(span.attributes['http.request.body'], BIG_BODY.slice(0, 2048));
  });

  it("captures a 'readable' + read() loop and a setEncoding reader", async () => {
    const base = await serve(
      (req) =>
        new Promise((resolve) => {
          req.setEncoding('utf8');
          let text = '';
          req.on('readable', () => {
            let chunk: string | null;
            while ((chunk = req.read() as string | null) !== null) text += chunk;
          });
          req.on('end', () => resolve(text));
        }),
      16,
    );
    const response = await httpExchange(`${base}/readable`, { method: 'POST', body: 'ünïcödé body that is long' });
    assert.equal(response.body, `${Buffer.byteLength('ünïcödé body that is long')}:ünïcödé bo`);
    const span = await serverSpan('/readable');
    assert.equal(span.attributes['http.request.body'], truncateUtf8(Buffer.from('ünïcödé body that is long'), 16));
  });

  it('records a small body whole and nothing when the app never reads it', async () => {
    const base = await serve(async (req) => (req.url === '/unread' ? '' : readWithDataEventsLater(req)), 1024);
    await httpExchange(`${base}/small`, { method: 'POST', body: '{"a":1}' });
    await httpExchange(`${base}/unread`, { method: 'POST', body: 'ignored by the app' });
    assert.equal((await serverSpan('/small')).attributes['http.request.body'], '{"a":1}');
    assert.equal((await serverSpan('/unread')).attributes['http.request.body'], undefined);
  });

  it("does not make the stream flow when the app drops its 'readable' listener to pause", async () => {
    const flowingWhilePaused: Array<boolean | null> = [];
    const base = await serve(
      (req) =>
        new Promise((resolve) => {
          const chunks: Buffer[] = [];
          const onReadable = () => {
            const chunk = req.read() as Buffer | null;
            if (chunk === null) return;
            chunks.push(chunk);
            req.removeListener('readable', onReadable); // pause by unsubscribing
            setTimeout(() => {
              flowingWhilePaused.push(req.readableFlowing);
              req.on('data', (more: Buffer) => chunks.push(more));
              req.on('end', () => resolve(Buffer.concat(chunks).toString()));
            }, 10);
          };
          req.on('readable', onReadable);
        }),
      100_000,
    );
    const response = await httpExchange(`${base}/pause`, { method: 'POST', body: BIG_BODY });
    assert.equal(response.body, `${BIG_BODY.length}:abcdefghij`);
    assert.notEqual(flowingWhilePaused[0], true);
    const captured = (await serverSpan('/pause')).attributes['http.request.body'];
    assert.equal(captured, BIG_BODY.slice(0, 100_000));
  });

  it('leaves piping to another stream intact', async () => {
    const { PassThrough } = await import('node:stream');
    const base = await serve(async (req) => {
      const sink = new PassThrough();
      req.pipe(sink);
      const chunks: Buffer[] = [];
      for await (const chunk of sink) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString();
    }, 10);
    const response = await httpExchange(`${base}/pipe`, { method: 'POST', body: BIG_BODY });
    assert.equal(response.body, `${BIG_BODY.length}:abcdefghij`);
    assert.equal((await serverSpan('/pipe')).attributes['http.request.body'], 'abcdefghij');
  });
});
