import { summarizeMicroRuns, type HttpRun, type HttpVariantResult, type SdkHttpResults, type SdkMicroResults } from '../sdk-bench-results.js';
import type { SdkVariant, ServerApp } from '../server-variant.js';

/*
 * Made-up SDK phase results for the table and report tests: round numbers whose ratios are easy
 * to check by hand (0.42 vs 1.62 µs is 3.9×; 26,000 of 30,000 req/s is a 13 % loss).
 */

export const measured = (nsPerSpan: number, bytesPerSpan: number, encodedBytesPerSpan?: number) =>
  summarizeMicroRuns([{ nsPerSpan, bytesPerSpan, ...(encodedBytesPerSpan === undefined ? {} : { encodedBytesPerSpan }) }]);

export function fakeMicro(skeinSpanNs = 420): SdkMicroResults {
  return {
    rounds: 5,
    spansPerRun: 300_000,
    encodeSpansPerRequest: 512,
    encodeRequestsPerRun: 400,
    sampledSpan: { skein: measured(skeinSpanNs, 310), otel: measured(1620, 1450) },
    unsampledSpan: { skein: measured(48, 0), otel: measured(210, 96) },
    encode: { skein: measured(800, 58, 479), otel: measured(2600, 1190, 489) },
  };
}

const run = (requestsPerSecond: number, spansPerRequest: number): HttpRun => ({
  requestsPerSecond,
  ok: requestsPerSecond * 5,
  non2xx: 0,
  errors: 0,
  latencyP50Ms: 1,
  latencyP99Ms: 12,
  serverCpuShare: 1,
  serverCpuUsPerRequest: 1e6 / requestsPerSecond,
  loadGeneratorCpuShare: 0.9,
  requestsServed: requestsPerSecond * 6,
  spansReceived: requestsPerSecond * 6 * spansPerRequest,
});

const variant = (app: ServerApp, v: SdkVariant, rps: number, bare: number, spansPerRequest: number): HttpVariantResult => ({
  app,
  variant: v,
  requestsPerSecond: rps,
  loss: v === 'bare' ? undefined : 1 - rps / bare,
  serverCpuUsPerRequest: 1e6 / rps,
  cpuLoss: v === 'bare' ? undefined : 1 - rps / bare,
  spansPerRequest,
  runs: [run(rps - 100, spansPerRequest), run(rps, spansPerRequest), run(rps + 100, spansPerRequest)],
});

export function fakeHttp(skeinRps = 26_000, skeinSpansPerRequest = 1): SdkHttpResults {
  return {
    connections: 50,
    pipelining: 1,
    warmupSeconds: 1,
    seconds: 5,
    rounds: 3,
    variants: [
      variant('node:http', 'bare', 30_000, 30_000, 0),
      variant('node:http', 'skein', skeinRps, 30_000, skeinSpansPerRequest),
      variant('node:http', 'otel', 9_000, 30_000, 1.01),
    ],
  };
}
