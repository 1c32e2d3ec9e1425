// Benchmark, not a test: hello-world HTTP server throughput, bare vs. with the automatic HTTP
// instrumentation. Run after a build:
//   node packages/node/dist/instrumentation/test-support/hello-world-throughput.js [seconds] [rounds]
// Each server runs in its own child process; autocannon (root devDependency) loads it from
// this process over 127.0.0.1 with keep-alive connections. Modes:
//   bare        plain http.createServer
//   noop        instrumentation + a no-op provider, no context manager (instrumentation alone)
//   noop+als    the same + OpenTelemetry's AsyncLocalStorageContextManager, so handlers run in
//               the server span (adds Node 20's async_hooks cost of AsyncLocalStorage)
//   skein       startSkeinNode(): Skein's provider, batch processor and OTLP/HTTP export to a
//               local sink that answers 200 (the full SDK as users run it)
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';

type Mode = 'bare' | 'noop' | 'noop+als' | 'skein';
const MODES: readonly Mode[] = ['bare', 'noop', 'noop+als', 'skein'];

async function serve(mode: Mode): Promise<void> {
  if (mode === 'noop' || mode === 'noop+als') {
    const { context, propagation, trace } = await import('@opentelemetry/api');
    const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
    const { W3CTraceContextPropagator } = await import('../../propagation/w3c-trace-context.js');
    const { NoopTracerProvider } = await import('./noop-tracer-provider.js');
    const { startHttpInstrumentation } = await import('../start-http-instrumentation.js');
    // OpenTelemetry's manager has attach(), so the handler runs inside the server span.
    if (mode === 'noop+als') context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new NoopTracerProvider());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    startHttpInstrumentation();
  } else if (mode === 'skein') {
    const { startSkeinNode } = await import('../../sdk/start-skein-node.js');
    startSkeinNode({ serviceName: 'hello-bench', installDiagLogger: false });
  }
  let served = 0;
  const server = http.createServer((req, res) => {
    served++;
    res.setHeader('content-type', 'text/plain');
    res.end('hello world');
  });
  // CPU time per request is what the instrumentation costs; unlike req/s it does not depend on
  // what else the machine is doing.
  process.on('message', () => {
    const cpu = process.cpuUsage();
    process.send!({ cpuMicros: cpu.user + cpu.system, served });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
  });
}

interface Autocannon {
  (options: Record<string, unknown>): Promise<{ requests: { average: number }; errors: number; non2xx: number }>;
}

async function startChild(mode: Mode, sinkOrigin: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve', mode], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: {
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: sinkOrigin,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_TRACES_EXPORTER: 'otlp',
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /port (\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, port };
}

interface CpuReport {
  readonly cpuMicros: number;
  readonly served: number;
}

function cpuReport(child: ChildProcess): Promise<CpuReport> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as CpuReport));
    child.send('report');
  });
}

async function measure(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const rounds = Number(process.argv[3] ?? 3);
  const { default: autocannon } = (await import('autocannon' as string)) as { default: Autocannon };
  let exportedRequests = 0;
  let exportedBytes = 0;
  const sink = http.createServer((req, res) => {
    exportedRequests++;
    req.on('data', (chunk: Buffer) => (exportedBytes += chunk.length));
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkOrigin = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

  const results = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  const cpuPerRequest = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  for (let round = 0; round < rounds; round++) {
    for (const mode of MODES) {
      const { child, port } = await startChild(mode, sinkOrigin);
      try {
        // A short warm-up lets the JIT settle before the measured run.
        await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 16, duration: 1 });
        const before = await cpuReport(child);
        const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 16, duration: seconds });
        const after = await cpuReport(child);
        if (result.errors > 0 || result.non2xx > 0) throw new Error(`${mode}: ${result.errors} errors, ${result.non2xx} non-2xx`);
        results.get(mode)!.push(result.requests.average);
        cpuPerRequest.get(mode)!.push((after.cpuMicros - before.cpuMicros) / (after.served - before.served));
      } finally {
        child.kill();
      }
    }
  }
  sink.close();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const bare = median(results.get('bare')!);
  const bareCpu = median(cpuPerRequest.get('bare')!);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}; ${rounds} rounds × ${seconds}s, 16 connections`);
  for (const mode of MODES) {
    const values = results.get(mode)!;
    const value = median(values);
    const loss = mode === 'bare' ? '' : `  (${(((bare - value) / bare) * 100).toFixed(1)} % below bare)`;
    console.log(`${mode.padEnd(8)} median ${value.toFixed(0).padStart(6)} req/s  runs ${values.map((v) => v.toFixed(0)).join(', ')}${loss}`);
    const cpu = median(cpuPerRequest.get(mode)!);
    const cpuLoss = mode === 'bare' ? '' : `  (+${(cpu - bareCpu).toFixed(1)} µs; throughput at full CPU ${((1 - bareCpu / cpu) * 100).toFixed(1)} % below bare)`;
    console.log(`${''.padEnd(8)} server CPU ${cpu.toFixed(1)} µs/request${cpuLoss}`);
  }
  console.log(`sink received ${exportedRequests} OTLP export requests, ${exportedBytes} bytes`);
}

if (process.argv[2] === '--serve') await serve(process.argv[3] as Mode);
else await measure();
