import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from './load-with-autocannon.js';
import { median, type HttpRun, type HttpVariantResult, type SdkHttpResults } from './sdk-bench-results.js';
import { BENCH_SCHEDULE_DELAY_MS, SDK_VARIANTS, ServerUnderTest, VARIANT_LABELS, type SdkVariant, type ServerApp } from './server-variant.js';
import { TraceSink } from './trace-sink.js';

export interface HttpSettings {
  readonly apps: readonly ServerApp[];
  readonly connections: number;
  readonly pipelining: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Times each variant is measured, interleaved: bare, skein, otel, bare, skein, otel… */
  readonly rounds: number;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = { apps: ['node:http', 'fastify'], connections: 50, pipelining: 1, warmupSeconds: 1, seconds: 5, rounds: 3 };

/** After the load stops, the last partial batch is exported once the schedule delay has passed. */
const TAIL_WAIT_MS = BENCH_SCHEDULE_DELAY_MS + 1000;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (share: number): string => `${Math.round(share * 100)} %`;

/** One variant once: start it, warm it up, load it, wait for its last spans, stop it. */
export async function measureVariant(app: ServerApp, variant: SdkVariant, sink: TraceSink, s: HttpSettings): Promise<HttpRun> {
  const before = await sink.stats();
  const server = await ServerUnderTest.start(app, variant, sink.endpoint);
  try {
    const load = { url: server.url, connections: s.connections, pipelining: s.pipelining };
    const warm = await runLoad({ ...load, seconds: s.warmupSeconds });
    const cpuBefore = await server.cpuSeconds();
    const benchCpuBefore = process.cpuUsage();
    const timed = await runLoad({ ...load, seconds: s.seconds });
    const serverCpuSeconds = (await server.cpuSeconds()) - cpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    if (variant !== 'bare') await sleep(TAIL_WAIT_MS);
    const after = await sink.stats();
    if (timed.ok === 0) throw new Error(`no 2xx answers (${timed.non2xx} non-2xx, ${timed.errors} errors); server output:\n${server.log().slice(-2000)}`);
    return {
      requestsPerSecond: timed.requestsPerSecond,
      ok: timed.ok,
      non2xx: timed.non2xx,
      errors: timed.errors,
      latencyP50Ms: timed.latencyP50Ms,
      latencyP99Ms: timed.latencyP99Ms,
      serverCpuShare: serverCpuSeconds / timed.seconds,
      serverCpuUsPerRequest: (serverCpuSeconds * 1e6) / timed.ok,
      loadGeneratorCpuShare: (benchCpu.user + benchCpu.system) / 1e6 / timed.seconds,
      requestsServed: warm.ok + timed.ok,
      spansReceived: after.spans - before.spans,
    };
  } finally {
    await server.stop();
  }
}

/**
 * Hello-world throughput of each app bare, with @skein/node and with OpenTelemetry JS, every
 * variant in its own process exporting to the same sink process, the variants interleaved round
 * after round (this 2-core machine is noisy) and the median kept. Load comes from autocannon in
 * this process. A variant that fails is reported with its error and not retried.
 */
export async function runHttpThroughput(s: HttpSettings = DEFAULT_HTTP_SETTINGS, log: (line: string) => void = console.log): Promise<SdkHttpResults> {
  const key = (app: ServerApp, variant: SdkVariant): string => `${app} ${variant}`;
  const runs = new Map<string, HttpRun[]>();
  const errors = new Map<string, string>();
  const sink = await TraceSink.start();
  try {
    for (let round = 0; round < s.rounds; round++) {
      for (const app of s.apps) {
        for (const variant of SDK_VARIANTS) {
          const k = key(app, variant);
          if (errors.has(k)) continue;
          try {
            const run = await measureVariant(app, variant, sink, s);
            runs.set(k, [...(runs.get(k) ?? []), run]);
            log(`    round ${round + 1}/${s.rounds} ${app} ${VARIANT_LABELS[variant]}: ${int(run.requestsPerSecond)} req/s, p99 ${run.latencyP99Ms} ms, server CPU ${run.serverCpuUsPerRequest.toFixed(1)} µs/request (${pct(run.serverCpuShare)} of a core, autocannon ${pct(run.loadGeneratorCpuShare)}); sink got ${int(run.spansReceived)} spans for ${int(run.requestsServed)} requests`);
          } catch (err) {
            errors.set(k, err instanceof Error ? err.message : String(err));
            log(`    ${app} ${VARIANT_LABELS[variant]} FAILED: ${errors.get(k)}`);
          }
        }
      }
    }
    const sinkStats = await sink.stats();
    if (sinkStats.rejected > 0) log(`    WARNING: the sink could not parse ${sinkStats.rejected} export requests (their spans are not counted)`);
  } finally {
    await sink.stop();
  }
  const variants: HttpVariantResult[] = [];
  for (const app of s.apps) {
    const bareRuns = runs.get(key(app, 'bare')) ?? [];
    const bare = median(bareRuns.map((r) => r.requestsPerSecond));
    const bareCpu = median(bareRuns.map((r) => r.serverCpuUsPerRequest));
    for (const variant of SDK_VARIANTS) {
      const list = runs.get(key(app, variant)) ?? [];
      const rps = median(list.map((r) => r.requestsPerSecond));
      const cpu = median(list.map((r) => r.serverCpuUsPerRequest));
      const served = list.reduce((n, r) => n + r.requestsServed, 0);
      const error = errors.get(key(app, variant));
      variants.push({
        app,
        variant,
        requestsPerSecond: rps,
        loss: variant === 'bare' ? undefined : 1 - rps / bare,
        serverCpuUsPerRequest: cpu,
        cpuLoss: variant === 'bare' ? undefined : 1 - bareCpu / cpu,
        spansPerRequest: served > 0 ? list.reduce((n, r) => n + r.spansReceived, 0) / served : 0,
        runs: list,
        ...(error !== undefined ? { error } : {}),
      });
    }
  }
  return { connections: s.connections, pipelining: s.pipelining, warmupSeconds: s.warmupSeconds, seconds: s.seconds, rounds: s.rounds, variants };
}
