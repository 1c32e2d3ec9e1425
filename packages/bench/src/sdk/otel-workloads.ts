/*
 * OpenTelemetry JS's side of the SDK micro-benchmarks, in its default configuration:
 * BasicTracerProvider (default sampler, limits and resource) with a BatchSpanProcessor (default
 * options) in front of an exporter that drops, and ProtobufTraceSerializer, the encoder of
 * @opentelemetry/exporter-trace-otlp-proto.
 */
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { AlwaysOffSampler, BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { makeRealisticSpans } from '@skein/node/export/bench-support';
import { toOtelReadableSpans } from './otel-readable-spans.js';
import type { SpanWorkload } from './span-workload.js';

/** Counts and drops, answering at once (ExportResultCode.SUCCESS is 0). */
class DroppingExporter implements SpanExporter {
  count = 0;
  export(spans: ReadableSpan[], resultCallback: (result: { code: 0 }) => void): void {
    this.count += spans.length;
    resultCallback({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function spanWorkload(sampled: boolean): SpanWorkload {
  const exporter = new DroppingExporter();
  const provider = new BasicTracerProvider({
    ...(sampled ? {} : { sampler: new AlwaysOffSampler() }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return {
    tracer: provider.getTracer('bench', '1.0.0'),
    exportedSpans: () => exporter.count,
    flush: () => provider.forceFlush(),
  };
}

/** The same realistic spans as genuine OpenTelemetry ReadableSpans, and OpenTelemetry's encoder. */
export async function encodeWorkload(spanCount: number): Promise<{ spans: readonly ReadableSpan[]; encode: () => Uint8Array }> {
  const spans = await toOtelReadableSpans(makeRealisticSpans(spanCount));
  return {
    spans,
    encode: () => {
      const body = ProtobufTraceSerializer.serializeRequest(spans as ReadableSpan[]);
      if (body === undefined) throw new Error('ProtobufTraceSerializer returned nothing');
      return body;
    },
  };
}
