import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanChildEnv } from './child-env.js';
import type { MicroJob, MicroRun, SdkName } from './micro-job.js';
import { formatNs, summarizeMicroRuns, type SdkComparison, type SdkMicroResults } from './sdk-bench-results.js';

export interface MicroSettings {
  /** Interleaved repetitions of every measurement; the tables show the median. */
  readonly rounds: number;
  readonly warmupSpans: number;
  readonly spansPerRun: number;
  /** 512: the batch size both SDKs' BatchSpanProcessors export. */
  readonly encodeSpansPerRequest: number;
  readonly encodeWarmupRequests: number;
  readonly encodeRequestsPerRun: number;
}

export const DEFAULT_MICRO_SETTINGS: MicroSettings = {
  rounds: 5,
  warmupSpans: 100_000,
  spansPerRun: 300_000,
  encodeSpansPerRequest: 512,
  encodeWarmupRequests: 100,
  encodeRequestsPerRun: 400,
};

const JOB_TIMEOUT_MS = 180_000;
const CHILD = fileURLToPath(new URL('./micro-child.js', import.meta.url));

/** Runs one job in a fresh `node --expose-gc` child and returns what it measured. */
export function runMicroJob(job: MicroJob): Promise<MicroRun> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(job)], { execArgv: ['--expose-gc'], env: cleanChildEnv(), stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let answer: { run?: MicroRun; error?: string } | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), JOB_TIMEOUT_MS);
    child.on('message', (m: { run?: MicroRun; error?: string }) => (answer = m));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (answer?.run) resolve(answer.run);
      else reject(new Error(`${job.kind} job for ${job.sdk} failed: ${answer?.error ?? `exit ${code ?? signal}`}${stderr ? `\n${stderr.trim()}` : ''}`));
    });
  });
}

type MeasureName = 'sampledSpan' | 'unsampledSpan' | 'encode';
const MEASURES: readonly MeasureName[] = ['sampledSpan', 'unsampledSpan', 'encode'];

function jobFor(measure: MeasureName, sdk: SdkName, s: MicroSettings): MicroJob {
  if (measure === 'encode') return { kind: 'encode', sdk, spansPerRequest: s.encodeSpansPerRequest, warmupRequests: s.encodeWarmupRequests, requests: s.encodeRequestsPerRun };
  return { kind: 'span', sdk, sampled: measure === 'sampledSpan', warmupSpans: s.warmupSpans, spans: s.spansPerRun };
}

/**
 * Span cost (sampled and not) and OTLP encode cost of both SDKs: every measurement in its own
 * child process, the two SDKs alternating (and alternating which goes first) round after round,
 * so drift on a noisy machine lands on both. A measure whose job fails is reported with its error.
 */
export async function runMicroBenchmarks(settings: MicroSettings = DEFAULT_MICRO_SETTINGS, log: (line: string) => void = console.log): Promise<SdkMicroResults> {
  const runs: Record<MeasureName, Record<SdkName, MicroRun[]>> = {
    sampledSpan: { skein: [], otel: [] },
    unsampledSpan: { skein: [], otel: [] },
    encode: { skein: [], otel: [] },
  };
  const errors: Partial<Record<MeasureName, string>> = {};
  for (let round = 0; round < settings.rounds; round++) {
    const order: readonly SdkName[] = round % 2 === 0 ? ['skein', 'otel'] : ['otel', 'skein'];
    const parts: string[] = [];
    for (const measure of MEASURES) {
      if (errors[measure] !== undefined) continue;
      try {
        for (const sdk of order) runs[measure][sdk].push(await runMicroJob(jobFor(measure, sdk, settings)));
        parts.push(`${measure} ${formatNs(runs[measure].skein.at(-1)!.nsPerSpan)} vs ${formatNs(runs[measure].otel.at(-1)!.nsPerSpan)}`);
      } catch (err) {
        errors[measure] = err instanceof Error ? err.message : String(err);
        log(`    ${measure} FAILED: ${errors[measure]}`);
      }
    }
    log(`    round ${round + 1}/${settings.rounds} (@skein/node vs OpenTelemetry JS): ${parts.join('; ')}`);
  }
  const comparison = (measure: MeasureName): SdkComparison => ({
    ...(runs[measure].skein.length > 0 ? { skein: summarizeMicroRuns(runs[measure].skein) } : {}),
    ...(runs[measure].otel.length > 0 ? { otel: summarizeMicroRuns(runs[measure].otel) } : {}),
    ...(errors[measure] !== undefined ? { error: errors[measure] } : {}),
  });
  return {
    rounds: settings.rounds,
    spansPerRun: settings.spansPerRun,
    encodeSpansPerRequest: settings.encodeSpansPerRequest,
    encodeRequestsPerRun: settings.encodeRequestsPerRun,
    sampledSpan: comparison('sampledSpan'),
    unsampledSpan: comparison('unsampledSpan'),
    encode: comparison('encode'),
  };
}
