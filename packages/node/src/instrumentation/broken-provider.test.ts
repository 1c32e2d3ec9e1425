import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { diag, DiagLogLevel, trace } from '@opentelemetry/api';
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import { startHttpInstrumentation } from './start-http-instrumentation.js';
import type { HttpInstrumentation } from './start-http-instrumentation.js';
import { closeServer, httpExchange, listenLocally } from './test-support/local-http.js';

/** A provider whose tracer throws on every span: the application must not notice. */
class ThrowingProvider implements TracerProvider {
  getTracer(): Tracer {
    const fail = (): never => {
      throw new Error('broken tracer');
    };
    return { startSpan: fail, startActiveSpan: fail } as unknown as Tracer;
  }
}

describe('a failing tracer never breaks the application', () => {
  const errors: unknown[][] = [];
  let instrumentation: HttpInstrumentation;
  let server: http.Server;
  let base: string;

  before(async () => {
    diag.setLogger(
      { error: (...args: unknown[]) => errors.push(args), warn() {}, info() {}, debug() {}, verbose() {} },
      DiagLogLevel.ERROR,
    );
    trace.setGlobalTracerProvider(new ThrowingProvider());
    instrumentation = startHttpInstrumentation();
    server = http.createServer((req, res) => res.end(`served ${req.url}`));
    base = await listenLocally(server);
  });
  after(async () => {
    instrumentation.stop();
    await closeServer(server);
    trace.disable();
    diag.disable();
  });

  it('serves, requests and fetches as usual, and says why there are no spans', async () => {
    const viaHttp = await httpExchange(`${base}/a`);
    assert.equal(viaHttp.body, 'served /a');
    const viaFetch = await fetch(`${base}/b`);
    assert.equal(await viaFetch.text(), 'served /b');
    assert.ok(errors.length > 0);
    assert.ok(errors.some((args) => String(args[0]).includes('could not start a server span')));
  });
});
