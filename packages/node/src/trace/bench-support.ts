import { getHeapStatistics } from 'node:v8';
import { SpanKind, type Context } from '@opentelemetry/api';
import type { FinishedSpan } from './finished-span.js';
import type { Sampler, SamplingResult } from '../sampling/sampler.js';
import { SamplingDecision } from '../sampling/sampler.js';
import type { SpanProcessor } from './span-processor.js';
import { SkeinTracerProvider } from './tracer-provider.js';

const RECORD_AND_SAMPLE: SamplingResult = Object.freeze({ decision: SamplingDecision.RecordAndSample });
const ALWAYS_ON: Sampler = { shouldSample: () => RECORD_AND_SAMPLE, toString: () => 'AlwaysOn' };

/**
 * The cheapest honest "enqueue": a ring of references, like a batch processor's queue,
 * overwritten when full so memory stays flat. Keeping a reference (rather than only a
 * counter) keeps the span from being optimised away and makes the GC cost real.
 */
class RingProcessor implements SpanProcessor {
  count = 0;
  private readonly ring: (FinishedSpan | undefined)[] = new Array<FinishedSpan | undefined>(2048).fill(undefined);
  onStart(_span: FinishedSpan, _parentContext: Context): void {}
  onEnd(span: FinishedSpan): void {
    this.ring[this.count & 2047] = span;
    this.count++;
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Micro-benchmark (not a test): the cost of one span start, three attributes and end,
 * through the public Tracer API with an always-on sampler and a processor that only keeps
 * a reference in a ring. The parent comes from the active context (whatever context manager
 * the process registered; none means the API's no-op one). The span is a root span of a SERVER kind with a string, an int and
 * a string attribute given at start, the common shape of an HTTP server span. A warm-up
 * runs first so the JIT has settled.
 *
 * bytesPerSpan is allocation, measured in a separate pass: the heap growth over many short
 * runs of 100 spans, taking the median of the runs that no garbage collection interrupted
 * (a collection shrinks the heap, so those runs show no growth).
 */
export function measureSpanCost(iterations: number): { nsPerSpan: number; bytesPerSpan: number } {
  const n = Math.max(1, Math.floor(iterations));
  const processor = new RingProcessor();
  const provider = new SkeinTracerProvider({
    resource: { attributes: { 'service.name': 'bench' } },
    sampler: ALWAYS_ON,
    processors: [processor],
  });
  const tracer = provider.getTracer('skein-bench', '1.0.0');
  const run = (count: number): void => {
    for (let i = 0; i < count; i++) {
      // No explicit context: the parent lookup goes through context.active(), as in an app.
      const span = tracer.startSpan('GET /users/:id', {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 },
      });
      span.setAttribute('http.route', '/users/:id');
      span.end();
    }
  };
  run(Math.min(n, 200_000));
  const start = process.hrtime.bigint();
  run(n);
  const elapsedNs = Number(process.hrtime.bigint() - start);
  if (processor.count < n) throw new Error('measureSpanCost: processor missed spans');
  return { nsPerSpan: elapsedNs / n, bytesPerSpan: measureBytesPerRun(() => run(100)) / 100 };
}

function measureBytesPerRun(runOnce: () => void): number {
  const growths: number[] = [];
  for (let i = 0; i < 400; i++) {
    const before = getHeapStatistics().used_heap_size;
    runOnce();
    const growth = getHeapStatistics().used_heap_size - before;
    if (growth > 0) growths.push(growth);
  }
  if (growths.length === 0) return 0;
  growths.sort((a, b) => a - b);
  return growths[growths.length >> 1]!;
}
