import { measureDecodeThroughput, type DecodeThroughput } from '../measure/decode-baseline.js';
import { RealisticSpanGenerator } from '../payload/realistic-spans.js';
import { wireFormats } from './wire-formats.js';

export interface WireDecodeMeasurement extends DecodeThroughput {
  readonly format: string;
  readonly bodies: number;
  readonly bytesPerSpan: number;
  /** Spans/s relative to OTLP protobuf measured in the same run. */
  readonly ratioToOtlpProtobuf: number;
}

/**
 * Decode throughput of every receiver's decoder on the same realistic spans, each encoded the way
 * that format's clients frame them (requests of `requestSpans`; UDP datagrams under 65,000 bytes;
 * X-Ray one segment document per service per trace). One core, this process.
 */
export function runWireDecodePhase(spanCount: number, requestSpans: number, secondsEach: number): WireDecodeMeasurement[] {
  const spans = new RealisticSpanGenerator({ seed: 7, startNanos: (BigInt(Date.now()) - 3_600_000n) * 1_000_000n }).nextSpans(spanCount);
  const rows: Array<Omit<WireDecodeMeasurement, 'ratioToOtlpProtobuf'>> = [];
  for (const format of wireFormats(requestSpans)) {
    const bodies = format.encode(spans);
    const bytes = bodies.reduce((n, b) => n + b.byteLength, 0);
    const decoded = bodies.reduce((n, b) => n + format.decode(b).length, 0);
    const throughput = measureDecodeThroughput(bodies, format.decode, secondsEach);
    rows.push({ format: format.name, bodies: bodies.length, bytesPerSpan: bytes / decoded, ...throughput });
  }
  const baseline = rows[0]!.spansPerSecond;
  return rows.map((r) => ({ ...r, ratioToOtlpProtobuf: r.spansPerSecond / baseline }));
}

/** The per-format table, Markdown (for the console and the README). */
export function wireDecodeTable(rows: readonly WireDecodeMeasurement[]): string {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const lines = ['| format | spans/s | MB/s | bytes/span on the wire | vs OTLP protobuf |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.format} | ${int(r.spansPerSecond)} | ${r.megabytesPerSecond.toFixed(0)} | ${r.bytesPerSpan.toFixed(0)} | ${r.ratioToOtlpProtobuf.toFixed(2)} |`);
  return lines.join('\n');
}
