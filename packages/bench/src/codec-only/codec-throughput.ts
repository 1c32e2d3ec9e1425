/**
 * Throughput of the OTLP codecs on realistic spans (not a test: timings vary by machine).
 *
 *   npx tsc -b packages/bench && node packages/bench/dist/codec-only/codec-throughput.js [spans] [seconds]
 *
 * Prints spans/s and MB/s for protobuf and JSON decode and encode of one request of `spans`
 * spans (default 1000, ~10 attributes each).
 */
import { cpus } from 'node:os';
import { decodeOtlpJson, decodeOtlpProtobuf, encodeOtlpProtobuf, toOtlpJson } from '@skein/wire';
import { RealisticSpanGenerator } from '../payload/realistic-spans.js';

const spanCount = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 2);

const spans = new RealisticSpanGenerator({ seed: 1, startNanos: BigInt(Date.now()) * 1_000_000n }).nextSpans(spanCount).slice(0, spanCount);
const protobufBody = encodeOtlpProtobuf(spans);
const jsonBody = Buffer.from(JSON.stringify(toOtlpJson(spans)));

/** Runs `fn` repeatedly for about `seconds` after a warm-up; returns operations per second. */
function opsPerSecond(fn: () => unknown): number {
  const warmUpUntil = performance.now() + 300;
  while (performance.now() < warmUpUntil) fn();
  let ops = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    fn();
    ops++;
  }
  return (ops * 1000) / (performance.now() - start);
}

function report(label: string, bytes: number, fn: () => unknown): void {
  const rate = opsPerSecond(fn);
  const spansPerSecond = Math.round(rate * spanCount).toLocaleString('en-US');
  const mbPerSecond = ((rate * bytes) / 1e6).toFixed(1);
  console.log(`${label.padEnd(28)} ${spansPerSecond.padStart(12)} spans/s ${mbPerSecond.padStart(8)} MB/s`);
}

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`${spanCount} spans per request; protobuf ${protobufBody.byteLength} B (${(protobufBody.byteLength / spanCount).toFixed(0)} B/span), JSON ${jsonBody.byteLength} B (${(jsonBody.byteLength / spanCount).toFixed(0)} B/span)`);
report('decode protobuf', protobufBody.byteLength, () => decodeOtlpProtobuf(protobufBody));
report('decode JSON (bytes)', jsonBody.byteLength, () => decodeOtlpJson(jsonBody));
report('encode protobuf', protobufBody.byteLength, () => encodeOtlpProtobuf(spans));
report('encode JSON (+stringify)', jsonBody.byteLength, () => JSON.stringify(toOtlpJson(spans)));
