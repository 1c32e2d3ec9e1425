import type { Span } from '@skein/model';
import { RealisticSpanGenerator, prng } from '../payload/realistic-spans.js';

/**
 * One trace of `spanCount` spans, shaped like the huge traces the UI must open: deep (chains of
 * calls up to MAX_DEPTH levels) and wide (fan-outs of hundreds of siblings, as a batch job or an
 * N+1 query loop makes). Attributes, names, resources and errors come from the realistic span
 * generator, so every span carries ~10 attributes; only ids, parents and times are rewritten.
 * Deterministic for a given seed.
 */
export interface HugeTraceOptions {
  readonly spanCount: number;
  readonly seed: number;
  /** Start of the root span, Unix nanos. */
  readonly startNanos: bigint;
}

/** Deep enough to exercise indentation and the tree code, shallow enough to stay readable. */
export const MAX_DEPTH = 24;
/** The root's duration: every other span fits inside its parent. */
const ROOT_DURATION_NANOS = 20_000_000_000n;

const hexOf = (n: number, chars: number): string => n.toString(16).padStart(chars, '0');

export function hugeTrace(options: HugeTraceOptions): Span[] {
  const random = prng(options.seed);
  const source = new RealisticSpanGenerator({ seed: options.seed, startNanos: options.startNanos }).nextSpans(options.spanCount);
  const traceId = `5ce1${hexOf(options.seed, 8)}${hexOf(options.spanCount, 8)}${hexOf(Math.floor(random() * 2 ** 32), 12)}`;
  const spans: Span[] = [];
  const depth: number[] = [];
  // A few spans are "fan-out parents": many later spans pick one of them, which makes wide levels.
  const fanOutParents: number[] = [];
  for (let i = 0; i < options.spanCount; i++) {
    let parent = -1;
    if (i > 0) {
      const r = random();
      const previous = i - 1;
      if (r < 0.45 && depth[previous]! < MAX_DEPTH) parent = previous; // go deeper: a call chain
      else if (r < 0.8 && fanOutParents.length > 0) parent = fanOutParents[Math.floor(random() * fanOutParents.length)]!; // a wide loop
      else parent = Math.floor(random() * i); // anywhere: a tree of ordinary branching
      if (depth[parent]! >= MAX_DEPTH) parent = 0;
    }
    depth.push(parent < 0 ? 0 : depth[parent]! + 1);
    if (random() < 0.002 && fanOutParents.length < 64) fanOutParents.push(i);
    const parentSpan = parent < 0 ? undefined : spans[parent]!;
    // Children start inside their parent and end before it (a well-formed, skew-free trace).
    const parentStart = parentSpan?.startTimeUnixNano ?? options.startNanos;
    const parentDuration = parentSpan ? parentSpan.endTimeUnixNano - parentSpan.startTimeUnixNano : ROOT_DURATION_NANOS;
    // A child takes most of what is left of its parent, so even the deepest spans last microseconds.
    const offset = parentSpan ? BigInt(Math.floor(Number(parentDuration) * 0.3 * random())) : 0n;
    const start = parentStart + offset;
    const duration = parentSpan ? BigInt(Math.max(1, Math.floor(Number(parentDuration - offset) * (0.4 + 0.55 * random())))) : ROOT_DURATION_NANOS;
    spans.push({
      ...source[i]!,
      traceId,
      spanId: hexOf(options.seed & 0xff, 2) + hexOf(i + 1, 14),
      parentSpanId: parentSpan?.spanId ?? '',
      startTimeUnixNano: start,
      endTimeUnixNano: start + duration,
      events: source[i]!.events.map((e) => ({ ...e, timeUnixNano: start + duration / 2n })),
    });
  }
  return spans;
}
