import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCommand, runWithRegister, type RunCommandIo } from './run-command.js';
import type { SignalSource } from './run-child.js';

interface CapturedIo extends RunCommandIo {
  readonly output: string[];
  readonly errors: string[];
}

function captureIo(env: NodeJS.ProcessEnv = process.env): CapturedIo {
  const output: string[] = [];
  const errors: string[] = [];
  return { output, errors, env, out: (text) => output.push(text), err: (text) => errors.push(text) };
}

/** Writes what the child sees to a file (the child's stdio is inherited, so not captured). */
function reportScript(reportPath: string): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(reportPath)}, JSON.stringify({
    nodeOptions: process.env.NODE_OPTIONS,
    serviceName: process.env.OTEL_SERVICE_NAME,
    exporter: process.env.OTEL_TRACES_EXPORTER,
    endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
    propagators: process.env.OTEL_PROPAGATORS,
    sampler: process.env.OTEL_TRACES_SAMPLER,
    samplerArg: process.env.OTEL_TRACES_SAMPLER_ARG,
    stubPreloaded: globalThis.__skeinStubRegistered === true,
    otelApiRegistered: globalThis[Symbol.for('opentelemetry.js.api.1')]?.trace !== undefined,
    skeinRegistered: globalThis[Symbol.for('@skein/node.register')] !== undefined,
    args: process.argv.slice(1),
  }));`;
}

interface ReceivedSpan { serviceName: unknown; kind: unknown; traceId: unknown; spanId: unknown; parentSpanId: unknown }

/** The spans of an OTLP/JSON ExportTraceServiceRequest, with their resource's service.name. */
function otlpJsonSpans(request: any): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const serviceName = resourceSpans.resource?.attributes?.find((attribute: any) => attribute.key === 'service.name')?.value?.stringValue;
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) spans.push({ serviceName, kind: span.kind, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId });
    }
  }
  return spans;
}

const realRegister = new URL('../register/register.js', import.meta.url);
const realRegisterBuilt = existsSync(fileURLToPath(realRegister));

describe('runCommand', () => {
  let dir: string;
  let stubRegister: URL;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'skein-run-'));
    const stubPath = join(dir, 'stub register.mjs');
    writeFileSync(stubPath, 'globalThis.__skeinStubRegistered = true;\n');
    stubRegister = pathToFileURL(stubPath);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help and exits 0', async () => {
    const io = captureIo();
    assert.equal(await runCommand(['--help'], io), 0);
    assert.match(io.output.join(''), /Usage: skein run \[options\] -- <command>/);
  });

  it('exits 2 with a usage error when the command is missing', async () => {
    const io = captureIo();
    assert.equal(await runCommand(['--service-name', 'api'], io), 2);
    assert.match(io.errors.join(''), /skein run: missing the command to run/);
    assert.match(io.errors.join(''), /Usage:/);
  });

  it('says so when the register module is missing', async () => {
    const io = captureIo();
    assert.equal(await runWithRegister(['--', 'node', '-e', ''], io, new URL('file:///nonexistent/register.js'), new EventEmitter()), 1);
    assert.match(io.errors.join(''), /register module is missing/);
  });

  it('runs the command with the preload and the OTEL_* variables, keeping NODE_OPTIONS', async () => {
    const report = join(dir, 'env.json');
    const io = captureIo({ ...process.env, NODE_OPTIONS: '--no-warnings', OTEL_TRACES_SAMPLER_ARG: 'stale' });
    const code = await runWithRegister([
      '--service-name', 'checkout', '--exporter', 'console', '--endpoint', 'http://127.0.0.1:4318',
      '--propagators', 'tracecontext,baggage', '--sampler', 'always_on',
      '--', process.execPath, '-e', reportScript(report), 'extra', '--flag',
    ], io, stubRegister, new EventEmitter());
    assert.equal(code, 0, io.errors.join(''));
    const seen = JSON.parse(readFileSync(report, 'utf8'));
    assert.deepEqual(seen, {
      nodeOptions: `--no-warnings --import=${stubRegister.href}`,
      serviceName: 'checkout',
      exporter: 'console',
      endpoint: 'http://127.0.0.1:4318',
      propagators: 'tracecontext,baggage',
      sampler: 'always_on',
      stubPreloaded: true,
      otelApiRegistered: false,
      skeinRegistered: false,
      args: ['extra', '--flag'],
    });
  });

  it('exits with the command\'s exit code, or 128 + signal', async () => {
    const signals = new EventEmitter();
    assert.equal(await runWithRegister(['--', process.execPath, '-e', 'process.exit(3)'], captureIo(), stubRegister, signals), 3);
    assert.equal(await runWithRegister(['--', process.execPath, '-e', 'process.kill(process.pid, "SIGKILL")'], captureIo(), stubRegister, signals), 128 + 9);
  });

  it('exits 127 when the command does not exist', async () => {
    const io = captureIo();
    assert.equal(await runWithRegister(['--', join(dir, 'no-such-command')], io, stubRegister, new EventEmitter()), 127);
    assert.match(io.errors.join(''), /cannot run .*no-such-command/);
  });

  it('forwards SIGTERM to the command, which can shut down cleanly, then stops listening', async () => {
    const ready = join(dir, 'ready');
    const script = `process.on('SIGTERM', () => process.exit(42));
      require('node:fs').writeFileSync(${JSON.stringify(ready)}, '');
      setInterval(() => {}, 1000);`;
    const signals = new EventEmitter();
    const exit = runWithRegister(['--', process.execPath, '-e', script], captureIo(), stubRegister, signals);
    while (!existsSync(ready)) await sleep(10);
    assert.equal(signals.listenerCount('SIGTERM'), 1);
    signals.emit('SIGTERM', 'SIGTERM');
    assert.equal(await exit, 42);
    assert.equal(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT'), 0);
  });

  it('forwards SIGINT to a command that does not handle it (exit 130)', async () => {
    const signals: SignalSource & EventEmitter = new EventEmitter();
    const exit = runWithRegister(['--', process.execPath, '-e', 'setInterval(() => {}, 1000)'], captureIo(), stubRegister, signals);
    signals.emit('SIGINT', 'SIGINT');
    assert.equal(await exit, 130);
  });
});

describe('runCommand with the real @skein/node register module', { skip: realRegisterBuilt ? false : 'dist/register/register.js is not built yet' }, () => {
  it('preloads the SDK (OpenTelemetry API registered) in the command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skein-run-real-'));
    try {
      const report = join(dir, 'env.json');
      const code = await runCommand(['--exporter', 'none', '--', process.execPath, '-e', reportScript(report)], captureIo());
      assert.equal(code, 0);
      const seen = JSON.parse(readFileSync(report, 'utf8'));
      assert.equal(seen.nodeOptions.endsWith(`--import=${realRegister.href}`), true);
      assert.equal(seen.skeinRegistered, true, 'the SDK\'s registration symbol is on globalThis');
      assert.equal(seen.otelApiRegistered, true, 'and it registered with @opentelemetry/api');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a span from a tiny HTTP app reaches a local OTLP sink', async () => {
    const bodies: Buffer[] = [];
    const sink = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(Buffer.concat(chunks));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
      const app = `const http = require('node:http');
        const server = http.createServer((req, res) => res.end('hello'));
        server.listen(0, '127.0.0.1', () => {
          http.get('http://127.0.0.1:' + server.address().port + '/hello', (res) => {
            res.resume();
            res.on('end', () => server.close());
          });
        });`;
      const env = { ...process.env, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '50' };
      const code = await runCommand(['--service-name', 'tiny-app', '--exporter', 'otlp', '--endpoint', endpoint, '--', process.execPath, '-e', app], captureIo(env));
      assert.equal(code, 0);
      const spans = bodies.flatMap((body) => otlpJsonSpans(JSON.parse(body.toString('utf8'))));
      assert.deepEqual([...new Set(spans.map((span) => span.serviceName))], ['tiny-app']);
      const server = spans.find((span) => span.kind === 2);
      const client = spans.find((span) => span.kind === 3);
      assert.ok(server && client, `a server and a client span: ${JSON.stringify(spans)}`);
      assert.equal(server.traceId, client.traceId, 'one trace: the server span continues the client one');
      assert.equal(server.parentSpanId, client.spanId);
    } finally {
      await new Promise((resolve) => sink.close(resolve));
    }
  });
});
