/**
 * Runs one SDK micro-benchmark job (a JSON MicroJob in argv[2]) in this fresh process and sends
 * the MicroRun back over IPC. One process per measurement keeps the two SDKs from sharing JIT
 * feedback (both call into the same @opentelemetry/api functions) and from inheriting each
 * other's garbage. Started with --expose-gc by run-micro-benchmarks.ts.
 */
import { AllocationMeter } from './allocation-meter.js';
import type { MicroJob, MicroRun } from './micro-job.js';
import { runSpansYielding } from './span-workload.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function spanJob(job: Extract<MicroJob, { kind: 'span' }>): Promise<MicroRun> {
  const workloads = job.sdk === 'skein' ? await import('./skein-workloads.js') : await import('./otel-workloads.js');
  const workload = workloads.spanWorkload(job.sampled);
  await runSpansYielding(workload.tracer, job.warmupSpans);
  await workload.flush();
  gc();
  const meter = new AllocationMeter();
  meter.start();
  const started = process.hrtime.bigint();
  await runSpansYielding(workload.tracer, job.spans);
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const bytes = meter.stop();
  await workload.flush();
  // A dropped span would mean the loop measured a full queue's shortcut, not enqueueing.
  const expected = job.sampled ? job.warmupSpans + job.spans : 0;
  if (workload.exportedSpans() !== expected) throw new Error(`${job.sdk}: ${workload.exportedSpans()} spans exported, ${expected} expected`);
  return { nsPerSpan: elapsedNs / job.spans, bytesPerSpan: bytes / job.spans };
}

async function encodeJob(job: Extract<MicroJob, { kind: 'encode' }>): Promise<MicroRun> {
  const workloads = job.sdk === 'skein' ? await import('./skein-workloads.js') : await import('./otel-workloads.js');
  const { spans, encode } = await workloads.encodeWorkload(job.spansPerRequest);
  let bytesOut = 0;
  for (let i = 0; i < job.warmupRequests; i++) bytesOut += encode().length;
  gc();
  const meter = new AllocationMeter();
  meter.start();
  const started = process.hrtime.bigint();
  for (let i = 0; i < job.requests; i++) bytesOut += encode().length;
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const bytes = meter.stop();
  const encoded = encode().length;
  if (bytesOut !== encoded * (job.warmupRequests + job.requests)) throw new Error(`${job.sdk}: the encoding changed size between calls`);
  const total = job.requests * spans.length;
  return { nsPerSpan: elapsedNs / total, bytesPerSpan: bytes / total, encodedBytesPerSpan: encoded / spans.length };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as MicroJob;
  const run = job.kind === 'span' ? await spanJob(job) : await encodeJob(job);
  process.send!({ run }, () => process.disconnect());
}

main().catch(
  (err: unknown) => {
    process.send!({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
  },
);
