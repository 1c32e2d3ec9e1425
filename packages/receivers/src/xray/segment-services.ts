import type { Resource, Span } from '@skein/model';

/** One span of one trace: X-Ray span ids are only unique within their trace. */
export const spanKey = (traceId: string, spanId: string): string => `${traceId}/${spanId}`;

interface Known {
  /** The Resource object of the span's document, shared, never copied. */
  readonly resource: Resource;
  readonly since: number;
}

/**
 * Which service (the Resource of its segment) each recently seen X-Ray span belongs to, so that
 * a subsegment sent on its own, which names only its parent, can be given its segment's service.
 *
 * Bounded: at most `maxIds` spans (the least recently seen are forgotten first) and for at most
 * `maxAgeMs` since a span was last seen. The map is in last-seen order (a span seen again is
 * moved to the end), so both bounds look only at its head.
 */
export class SegmentServices {
  private readonly byKey = new Map<string, Known>();

  constructor(
    private readonly maxIds: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  /** Span ids remembered. */
  get size(): number {
    return this.byKey.size;
  }

  /** Remembers every span of a document whose service is known, with its Resource. */
  remember(spans: readonly Span[]): void {
    const now = this.now();
    for (const s of spans) {
      const key = spanKey(s.traceId, s.spanId);
      this.byKey.delete(key); // re-inserted at the end: last-seen order
      this.byKey.set(key, { resource: s.resource, since: now });
    }
    for (const key of this.byKey.keys()) {
      if (this.byKey.size <= this.maxIds) break;
      this.byKey.delete(key);
    }
  }

  /** The Resource of the span with this key (spanKey), if it was seen less than maxAgeMs ago. */
  resourceOf(key: string): Resource | undefined {
    const known = this.byKey.get(key);
    // Checked here too, so the answer does not depend on when the last sweep ran.
    return known !== undefined && known.since > this.now() - this.maxAgeMs ? known.resource : undefined;
  }

  /** Forgets the spans not seen for maxAgeMs. */
  expire(): void {
    const cutoff = this.now() - this.maxAgeMs;
    for (const [key, known] of this.byKey) {
      if (known.since > cutoff) break; // last-seen order: the rest are younger
      this.byKey.delete(key);
    }
  }

  clear(): void {
    this.byKey.clear();
  }
}
