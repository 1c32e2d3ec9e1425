import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildService } from './child-service.js';
import type { DemoOptions } from './demo-options.js';
import { DemoReport } from './demo-report.js';
import { LOAD_GENERATOR_SERVICE, type SentRequest } from './load-generator-span.js';
import { startLoadGenerator, type LoadGenerator } from './load-generator.js';
import { skeinRegisterPath, startNodeService } from './node-services.js';
import { DEBIAN_PYTHON, PYTHON_PACKAGES_HINT, pythonDemoAvailable, startPythonPair, type PythonPair } from './python-services.js';
import { skeinBinPath, startSkeinServer, type SkeinServer } from './skein-server.js';
import { TraceLinks } from './trace-links.js';

export interface DemoIo {
  out(text: string): void;
  readonly env: NodeJS.ProcessEnv;
}

export interface RunningDemo {
  readonly skein: SkeinServer;
  /** Every service, front (api-01) first. */
  readonly services: readonly ChildService[];
  /** The web UI (Skein's query port). */
  readonly uiUrl: string;
  /** With --requests N: resolves once N requests are answered and their links printed. Never otherwise. */
  readonly finished: Promise<void>;
  /** Resolves with what happened when Skein or a service exits on its own. */
  readonly failed: Promise<string>;
  /** Stops the load, then the services (they export their last spans), then Skein; removes a temporary data dir. */
  stop(): Promise<void>;
}

const SUMMARY_EVERY_MS = 10_000;

/**
 * Starts Skein, the services and the load generator, and prints where to look. On any failure
 * while starting, whatever was started is stopped again before the error is thrown.
 */
export async function startDemo(options: DemoOptions, io: DemoIo, signal?: AbortSignal): Promise<RunningDemo> {
  // Both fail early, with the fix, when the workspace has not been built.
  const registerPath = skeinRegisterPath();
  skeinBinPath();

  const started: ChildService[] = [];
  const tempDataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'skein-demo-')) : undefined;
  const dataDir = options.dataDir ?? tempDataDir!;
  const echo = (name: string) => (options.verbose ? (line: string) => io.out(`[${name}] ${line}`) : undefined);
  const withEcho = (name: string) => {
    const onLine = echo(name);
    return onLine ? { onLine } : {};
  };
  const stopAll = async () => {
    // The services first (side by side: no requests flow any more), Skein last, so every
    // service's final export still reaches it.
    const services = started.filter((c) => c.name !== 'Skein');
    await Promise.all(services.map((c) => c.stop(10_000)));
    await Promise.all(started.filter((c) => c.name === 'Skein').map((c) => c.stop(30_000)));
    if (tempDataDir !== undefined) await rm(tempDataDir, { recursive: true, force: true });
  };

  let skein: SkeinServer;
  let python: PythonPair | undefined;
  let api01: ChildService;
  let api02: ChildService;
  let api03: ChildService;
  try {
    io.out(`Starting Skein (DuckDB in ${dataDir}) and the demo services...`);
    skein = await startSkeinServer({ dataDir, queryPort: options.ports.query, otlpHttpPort: options.ports.otlpHttp, zipkinPort: options.ports.zipkin, env: io.env, ...withEcho('Skein') });
    started.push(skein);
    signal?.throwIfAborted();

    const node = { otlpHttpUrl: skein.otlpHttpUrl, env: io.env, registerPath };
    const startPython = async () => {
      if (!options.python) return undefined;
      if (!pythonDemoAvailable()) {
        io.out(`Python part skipped: ${DEBIAN_PYTHON} cannot import flask, py_zipkin and requests. Install them with: ${PYTHON_PACKAGES_HINT} (or pass --no-python)`);
        return undefined;
      }
      const onLine = echo('python');
      const pair = await startPythonPair({ zipkinUrl: skein.zipkinUrl, api04Port: options.ports.api04, api05Port: options.ports.api05, env: io.env, ...(onLine ? { onLine: (name: string, line: string) => onLine(`${name}: ${line}`) } : {}) });
      started.push(pair.api05, pair.api04);
      return pair;
    };
    const startApi03 = async () => {
      const child = await startNodeService('api-03', { ...node, settings: { API03_PORT: String(options.ports.api03), DEMO_API03_DELAY_MS: String(options.api03DelayMs) }, ...withEcho('api-03') });
      started.push(child);
      return child;
    };
    // Independent of each other: start them side by side. allSettled so that, if one fails,
    // the other has been recorded in `started` and is stopped too.
    const [pythonStart, api03Start] = await Promise.allSettled([startPython(), startApi03()]);
    if (pythonStart.status === 'rejected') throw pythonStart.reason;
    if (api03Start.status === 'rejected') throw api03Start.reason;
    python = pythonStart.value;
    api03 = api03Start.value;
    signal?.throwIfAborted();

    api02 = await startNodeService('api-02', {
      ...node,
      // Empty, not absent: a DEMO_PYTHON_URL in the launcher's own environment must not leak in.
      settings: { API02_PORT: String(options.ports.api02), API03_URL: api03.url, DEMO_PYTHON_URL: python ? `${python.api04.url}/api-04` : '' },
      ...withEcho('api-02'),
    });
    started.push(api02);
    signal?.throwIfAborted();

    api01 = await startNodeService('api-01', {
      ...node,
      settings: { API01_PORT: String(options.ports.api01), API02_URL: api02.url, API03_URL: api03.url, DEMO_ERROR_RATE: String(options.errorRate) },
      ...withEcho('api-01'),
    });
    started.push(api01);
    signal?.throwIfAborted();
  } catch (err) {
    await stopAll();
    throw err;
  }

  const uiUrl = skein.queryUrl;
  const services = [api01, api02, api03, ...(python ? [python.api04, python.api05] : [])];
  io.out(
    [
      `Skein UI:  ${uiUrl}`,
      `  api-01   ${api01.url}/          Express 5; calls api-02 (fetch) and api-03 (node:http)`,
      `  api-02   ${api02.url}/api-02    Fastify 5; calls api-03${python ? ' and api-04 (B3 headers)' : ''}`,
      `  api-03   ${api03.url}/api-03    node:http; answers after ${options.api03DelayMs} ms`,
      ...(python ? [`  api-04   ${python.api04.url}/api-04    Flask + py_zipkin; calls api-05`, `  api-05   ${python.api05.url}/api-05    Flask + py_zipkin`] : []),
      `Sending ${options.rate} request${options.rate === 1 ? '' : 's'}/s to api-01${options.requests === undefined ? '' : `, ${options.requests} in all`} (${Math.round(options.errorRate * 100)} % fail on purpose). Ctrl-C stops everything.`,
    ].join('\n'),
  );

  let stopping: Promise<void> | undefined;
  let resolveFailed!: (what: string) => void;
  const failed = new Promise<string>((resolve) => (resolveFailed = resolve));
  for (const child of started) {
    void child.exited.then(({ code, signal: sig }) => {
      if (stopping) return;
      const tail = child.output().trimEnd().split('\n').slice(-20).join('\n');
      resolveFailed(`${child.name} exited on its own (${sig ?? `code ${code}`}); its last output:\n${tail}`);
    });
  }

  const links = new TraceLinks(uiUrl, [LOAD_GENERATOR_SERVICE, 'api-01', 'api-02', 'api-03', ...(python ? ['api-04', 'api-05'] : [])], (text) => io.out(text));
  const report = new DemoReport();
  const onResult = (r: SentRequest) => {
    report.add(r);
    links.onResult(r);
  };
  const load: LoadGenerator = startLoadGenerator({ targetUrl: `${api01.url}/`, rate: options.rate, otlpTracesUrl: `${skein.otlpHttpUrl}/v1/traces`, onResult, ...(options.requests === undefined ? {} : { requests: options.requests }) });
  const summaries = setInterval(() => {
    const line = report.summaryIfChanged();
    if (line) io.out(line);
  }, SUMMARY_EVERY_MS);

  const finished =
    options.requests === undefined
      ? new Promise<void>(() => {})
      : load.done.then(async () => {
          await links.settled();
          if (!links.hasSample) io.out('No request succeeded, so there is no sample trace to show; see the failed one above.');
        });

  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(summaries);
      await load.stop();
      await links.cancel();
      io.out(`Sent ${report.summary()}.`);
      io.out('Stopping the services, then Skein (it commits what it has)...');
      await stopAll();
      io.out(`Stopped: every process has exited.${tempDataDir === undefined ? ` The traces stay in ${dataDir}: "npx skein --data-dir ${dataDir}" shows them again.` : ''}`);
    })());

  return { skein, services, uiUrl, finished, failed, stop };
}
