/*
 * @skein/node's side of the SDK micro-benchmarks, through its public classes: the provider the
 * SDK builds, its default sampler, its BatchSpanProcessor with default options, and the OTLP
 * protobuf encoder its exporter uses.
 */
import { BatchSpanProcessor } from '@skein/node/export/batch-span-processor';
import { makeRealisticSpans } from '@skein/node/export/bench-support';
import { OtlpProtobufEncoder } from '@skein/node/export/otlp/encode-otlp-protobuf';
import type { ExportResult, SpanExporter } from '@skein/node/export/span-exporter';
import { AlwaysOffSampler } from '@skein/node/sampling/always-off-sampler';
import { samplerFromEnv } from '@skein/node/sampling/sampler-from-env';
import type { FinishedSpan } from '@skein/node/trace/finished-span';
import { SkeinTracerProvider } from '@skein/node/trace/tracer-provider';
import type { SpanWorkload } from './span-workload.js';

const OK: ExportResult = Object.freeze({ ok: true });

/** Counts and drops: the exporter side costs nothing, so only the SDK is measured. */
class DroppingExporter implements SpanExporter {
  count = 0;
  export(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    this.count += spans.length;
    return Promise.resolve(OK);
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function spanWorkload(sampled: boolean): SpanWorkload {
  const exporter = new DroppingExporter();
  const processor = new BatchSpanProcessor(exporter);
  const provider = new SkeinTracerProvider({
    resource: { attributes: { 'service.name': 'bench' } },
    // The SDK's default (parentbased_always_on), as startSkeinNode builds it from an empty environment.
    sampler: sampled ? samplerFromEnv({}, 'bench') : new AlwaysOffSampler(),
    processors: [processor],
  });
  return {
    tracer: provider.getTracer('bench', '1.0.0'),
    exportedSpans: () => exporter.count,
    flush: () => provider.forceFlush(),
  };
}

/** The realistic spans (~10 attributes) the encode comparison uses, and our encoder for them. */
export function encodeWorkload(spanCount: number): { spans: readonly FinishedSpan[]; encode: () => Uint8Array } {
  const spans = makeRealisticSpans(spanCount);
  const encoder = new OtlpProtobufEncoder();
  return { spans, encode: () => encoder.encode(spans) };
}
