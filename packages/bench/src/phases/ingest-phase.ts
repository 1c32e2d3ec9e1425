import { sendRequests } from '../load/send-requests.js';
import { summarize } from '../measure/stats.js';
import { systemBusyCpuSeconds } from '../measure/system-cpu.js';
import type { PayloadPool } from '../payload/payload-pool.js';
import type { IngestMeasurement } from '../report/bench-results.js';
import type { SkeinProcess } from '../server/skein-process.js';

/** Share of one core taken by other processes above which a run is flagged as disturbed. */
const OTHERS_BUSY_SHARE = 0.1;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Sends every request of the pool to the running server and measures sustained, acknowledged
 * (hence durable) throughput from the first request to the last answer.
 */
export async function runIngestPhase(server: SkeinProcess, pool: PayloadPool, concurrency: number): Promise<{ measurement: IngestMeasurement; acknowledged: Uint8Array }> {
  const serverCpuBefore = await server.cpuSeconds();
  const systemCpuBefore = await systemBusyCpuSeconds();
  const benchCpuBefore = process.cpuUsage();
  let lastSpans = 0;
  let lastMs = 0;
  const result = await sendRequests({
    otlpUrl: server.urls.otlpHttp,
    pool,
    requests: pool.sends,
    concurrency,
    progressEveryMs: 5000,
    onProgress: async (p) => {
      const rate = ((p.acceptedSpans - lastSpans) * 1000) / (p.elapsedMs - lastMs);
      lastSpans = p.acceptedSpans;
      lastMs = p.elapsedMs;
      const rss = await server.memory().then((m) => `${(m.rssBytes / 1024 ** 2).toFixed(0)} MiB`, () => '?');
      console.log(`    ${(p.elapsedMs / 1000).toFixed(0).padStart(4)} s  ${int(p.acceptedSpans).padStart(11)} spans acknowledged  ${int(rate).padStart(8)} spans/s now  server RSS ${rss}`);
    },
  });
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const benchCpuSeconds = (benchCpu.user + benchCpu.system) / 1e6;
  const serverCpuSeconds = (await server.cpuSeconds()) - serverCpuBefore;
  const systemCpuSeconds = (await systemBusyCpuSeconds()) - systemCpuBefore;
  const seconds = result.elapsedMs / 1000;
  const measurement: IngestMeasurement = {
    format: pool.format,
    spansPerSecond: result.acceptedSpans / seconds,
    megabytesPerSecond: result.bodyBytes / 1e6 / seconds,
    acceptedSpans: result.acceptedSpans,
    rejectedSpans: result.rejectedSpans,
    requestsSent: result.requestsSent,
    acknowledgedRequests: result.acknowledgedRequests,
    retries: result.retries,
    failures: result.failures,
    seconds,
    requestLatency: summarize(result.latenciesMs),
    serverCpuSeconds,
    benchCpuSeconds,
    // Tick rounding can make this slightly negative on a quiet machine.
    otherProcessesCpuSeconds: Math.max(0, systemCpuSeconds - serverCpuSeconds - benchCpuSeconds),
  };
  return { measurement, acknowledged: result.acknowledged };
}

export function describeIngest(m: IngestMeasurement): string {
  const failed = Object.entries(m.failures).map(([k, v]) => `${v}× ${k}`).join(', ');
  return [
    `    ${int(m.spansPerSecond)} spans/s (${m.megabytesPerSecond.toFixed(1)} MB/s of request bodies), ${int(m.acceptedSpans)} spans in ${m.seconds.toFixed(1)} s`,
    `    ${int(m.acknowledgedRequests)}/${int(m.requestsSent)} requests acknowledged, ${int(m.rejectedSpans)} spans rejected, ${m.retries} overload retries${failed ? `, FAILED: ${failed}` : ''}`,
    `    request latency median ${m.requestLatency.medianMs.toFixed(1)} ms, p99 ${m.requestLatency.p99Ms.toFixed(1)} ms`,
    `    CPU during the run: server ${m.serverCpuSeconds.toFixed(1)} s (${(m.serverCpuSeconds / m.seconds).toFixed(2)} cores), bench ${m.benchCpuSeconds.toFixed(1)} s, other processes ${m.otherProcessesCpuSeconds.toFixed(1)} s`,
    ...(m.otherProcessesCpuSeconds / m.seconds > OTHERS_BUSY_SHARE
      ? [`    WARNING: other processes used ${((m.otherProcessesCpuSeconds / m.seconds) * 100).toFixed(0)} % of a core meanwhile: this run shared the machine, its rate is low`]
      : []),
  ].join('\n');
}
