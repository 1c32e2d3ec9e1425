import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

// End to end: real `node --import` / `--require` processes, exporting to a sink on 127.0.0.1.
const registerEsm = fileURLToPath(new URL('./register.js', import.meta.url));
const registerCjs = fileURLToPath(new URL('./register-cjs.cjs', import.meta.url));
// The fixtures live in a temporary folder, so they name @opentelemetry/api by absolute path.
const apiEsm = import.meta.resolve('@opentelemetry/api');
const apiCjs = createRequire(import.meta.url).resolve('@opentelemetry/api');

let dir: string;
/** What the OTLP sink received: one decoded body per request (protobuf strings show as text). */
let sink: Server;
let sinkUrl: string;
const received: string[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skein-register-'));
  sink = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('latin1'));
      sink.emit('export');
      res.writeHead(200, { 'content-type': String(req.headers['content-type'] ?? 'application/x-protobuf') });
      res.end();
    });
  });
  sink.listen(0, '127.0.0.1');
  await once(sink, 'listening');
  sinkUrl = `http://127.0.0.1:${(sink.address() as { port: number }).port}`;
});
after(async () => {
  sink.close();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` with the given environment (over a clean OTEL_* slate). */
function runNode(args: string[], env: Record<string, string>, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('OTEL_') && !k.startsWith('SKEIN_') && k !== 'NODE_OPTIONS') base[k] = v;
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    onStdout?.(stdout, child);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

test('--import: spans reach the console exporter when the app ends on its own', async () => {
  const app = join(dir, 'console-app.mjs');
  await writeFile(
    app,
    `import { trace } from ${JSON.stringify(apiEsm)};
     trace.getTracer('e2e').startActiveSpan('console-span-1', (span) => { span.setAttribute('answer', 42); span.end(); });`,
  );
  const run = await runNode(['--import', registerEsm, app], { OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'e2e-console' });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(occurrences(run.stdout, 'console-span-1'), 1, run.stdout);
  assert.doesNotMatch(run.stderr, /@skein\/node/);
});

test('--import and --require together start one SDK: every span is exported once', async () => {
  const app = join(dir, 'twice-app.mjs');
  await writeFile(app, `import { trace } from ${JSON.stringify(apiEsm)}; trace.getTracer('e2e').startSpan('twice-span').end();`);
  const run = await runNode(['--require', registerCjs, '--import', registerEsm, app], { OTEL_TRACES_EXPORTER: 'console' });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(occurrences(run.stdout, 'twice-span'), 1, run.stdout);
  assert.doesNotMatch(run.stderr, /another OpenTelemetry SDK|duplicate registration/);
});

test('--require: a CommonJS app with automatic HTTP instrumentation exports over OTLP', async () => {
  const app = join(dir, 'http-app.cjs');
  await writeFile(
    app,
    `const http = require('node:http');
     const { trace } = require(${JSON.stringify(apiCjs)});
     const server = http.createServer((req, res) => res.end('ok'));
     server.listen(0, '127.0.0.1', () => {
       http.get({ host: '127.0.0.1', port: server.address().port, path: '/hello' }, (res) => {
         res.resume();
         res.on('end', () => {
           trace.getTracer('e2e').startSpan('cjs-manual-span').end();
           server.close();
         });
       });
     });`,
  );
  received.length = 0;
  const run = await runNode(['--require', registerCjs, app], { OTEL_SERVICE_NAME: 'e2e-cjs-service', OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl });
  assert.equal(run.code, 0, run.stderr);
  const all = received.join('\n');
  assert.ok(all.includes('cjs-manual-span'), 'the manual span was exported');
  assert.ok(all.includes('e2e-cjs-service'), 'with the service name');
  assert.ok(all.includes('/hello'), 'and the automatic HTTP spans, which carry the path');
  assert.doesNotMatch(run.stderr, /@skein\/node/);
});

test('SIGTERM flushes pending spans, then the process ends by SIGTERM as it would have', async () => {
  const app = join(dir, 'sigterm-app.mjs');
  await writeFile(
    app,
    `import { trace } from ${JSON.stringify(apiEsm)};
     trace.getTracer('e2e').startSpan('before-sigterm').end();
     setInterval(() => {}, 1000);
     console.log('ready');`,
  );
  received.length = 0;
  let exportsBeforeSignal = -1;
  const run = await runNode(
    ['--import', registerEsm, app],
    // A batch delay of ten minutes: only the SIGTERM flush can send the span.
    { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl, OTEL_BSP_SCHEDULE_DELAY: '600000', OTEL_SERVICE_NAME: 'e2e-sigterm' },
    (stdout, child) => {
      if (exportsBeforeSignal === -1 && stdout.includes('ready')) {
        exportsBeforeSignal = received.length;
        child.kill('SIGTERM');
      }
    },
  );
  assert.equal(exportsBeforeSignal, 0, 'nothing was exported before the signal');
  assert.ok(run.signal === 'SIGTERM' || run.code === 143, `ended by ${run.signal ?? run.code}; stderr: ${run.stderr}`);
  assert.ok(received.join('\n').includes('before-sigterm'), 'the pending span was flushed');
});

test('OTEL_SDK_DISABLED=true: nothing is exported and the app runs normally', async () => {
  const app = join(dir, 'disabled-app.mjs');
  await writeFile(app, `import { trace } from ${JSON.stringify(apiEsm)}; const s = trace.getTracer('e2e').startSpan('disabled-span'); console.log('recording=' + s.isRecording()); s.end();`);
  const run = await runNode(['--import', registerEsm, app], { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'console' });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'recording=false');
});
