import type { Span } from '@skein/model';
import { RealisticSpanGenerator } from './realistic-spans.js';

/** One request's worth of spans, whole traces only. */
export interface TemplateRequest {
  readonly spans: readonly Span[];
  /** Trace ids in this request (lowercase hex) with how many spans each has. */
  readonly traces: readonly { readonly traceId: string; readonly spanCount: number }[];
}

export interface TemplateOptions {
  readonly seed: number;
  readonly requests: number;
  /** Upper bound of spans per request: the OTel BatchSpanProcessor's default maxExportBatchSize is 512. */
  readonly maxSpansPerRequest: number;
  readonly startNanos: bigint;
  readonly traceGapNanos: bigint;
}

/**
 * Realistic spans packed into requests of at most `maxSpansPerRequest` spans, one request at a time
 * (so only one request's span objects need to be alive). Traces are never split across requests:
 * every request's ids are later rewritten per send, and a split trace would turn into two orphaned
 * halves with different ids.
 */
export function* generateTemplateRequests(options: TemplateOptions): Generator<TemplateRequest> {
  const generator = new RealisticSpanGenerator({ seed: options.seed, startNanos: options.startNanos, traceGapNanos: options.traceGapNanos });
  let pending = generator.nextTrace();
  for (let made = 0; made < options.requests; made++) {
    const spans: Span[] = [];
    const traces: { traceId: string; spanCount: number }[] = [];
    while (spans.length + pending.length <= options.maxSpansPerRequest) {
      spans.push(...pending);
      traces.push({ traceId: pending[0]!.traceId, spanCount: pending.length });
      pending = generator.nextTrace();
    }
    if (spans.length === 0) throw new Error(`a trace of ${pending.length} spans does not fit in ${options.maxSpansPerRequest} spans per request`);
    yield { spans, traces };
  }
}

