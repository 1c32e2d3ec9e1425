import { findAttribute, type Span } from '@skein/model';
import { XRAY_ATTRIBUTES } from '@skein/wire';

export interface InProgressSegmentsOptions {
  /** How long an in-progress segment is held waiting for its completion (ms). */
  readonly maxAgeMs: number;
  /** How many spans may be held at once; past it the oldest documents are stored as they are. */
  readonly maxSpans: number;
  readonly now?: () => number;
}

/** Long enough for a slow request (X-Ray SDKs send in-progress segments for long-running work). */
export const DEFAULT_IN_PROGRESS_MAX_AGE_MS = 5 * 60_000;
export const DEFAULT_IN_PROGRESS_MAX_SPANS = 10_000;

interface Held {
  readonly spans: readonly Span[];
  readonly since: number;
}

/**
 * X-Ray clients may send a segment before it ends (`in_progress: true`, no end time) and send it
 * again, complete, with the same id when it does. Storing both would leave a zero-length
 * duplicate beside the real span, so in-progress segment documents are held here instead:
 *
 * - a document whose top (sub)segment is in progress is held whole (its already finished
 *   subsegments come again in the complete document), keyed by trace id + span id; a newer
 *   in-progress version replaces the held one but keeps its age;
 * - a complete document releases (discards) what is held for any of its spans, and is stored;
 * - held documents that reach `maxAgeMs`, are pushed out by `maxSpans` (oldest first), or are
 *   still held at shutdown are stored as they are: the in-progress span with end = start and
 *   `aws.xray.in_progress: true` (as the decoder made it), so a request that never completes
 *   (crash, lost datagram) is still visible. If its completion arrives after that, both are
 *   stored; holding longer would cost memory, losing it would cost the data. (Likewise an
 *   in-progress version that UDP delivers after the complete one is held, then stored.)
 *
 * Memory is bounded by `maxSpans`; the map is in first-seen order, so expiry and eviction look
 * only at its head.
 */
export class InProgressSegments {
  private readonly held = new Map<string, Held>();
  private heldSpans = 0;
  private readonly now: () => number;

  constructor(private readonly options: InProgressSegmentsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Spans currently held. */
  get size(): number {
    return this.heldSpans;
  }

  /**
   * One decoded segment document (its top span first, as decodeXrayDatagram returns it) → the
   * spans to store now: the document itself when complete, nothing when it is held, plus any
   * older held documents it pushed out.
   */
  admit(document: readonly Span[]): Span[] {
    const top = document[0];
    if (!top) return [];
    if (!isInProgress(top)) {
      for (const span of document) {
        const key = keyOf(span);
        const previous = this.held.get(key);
        if (previous) this.remove(key, previous);
      }
      return [...document];
    }
    const key = keyOf(top);
    const previous = this.held.get(key);
    if (previous) {
      // Map.set on an existing key keeps its place, so the held order stays first-seen order.
      this.heldSpans -= previous.spans.length;
      this.held.set(key, { spans: document, since: previous.since });
    } else {
      this.held.set(key, { spans: document, since: this.now() });
    }
    this.heldSpans += document.length;
    return this.evictOverflow();
  }

  /** Held documents older than maxAgeMs, to be stored as they are. */
  expire(): Span[] {
    const cutoff = this.now() - this.options.maxAgeMs;
    const out: Span[] = [];
    for (const [key, entry] of this.held) {
      if (entry.since > cutoff) break; // first-seen order: the rest are younger
      this.remove(key, entry);
      out.push(...entry.spans);
    }
    return out;
  }

  /** Everything held (on shutdown), to be stored as it is. */
  drain(): Span[] {
    const out: Span[] = [];
    for (const entry of this.held.values()) out.push(...entry.spans);
    this.held.clear();
    this.heldSpans = 0;
    return out;
  }

  private evictOverflow(): Span[] {
    const out: Span[] = [];
    for (const [key, entry] of this.held) {
      if (this.heldSpans <= this.options.maxSpans) break;
      this.remove(key, entry);
      out.push(...entry.spans);
    }
    return out;
  }

  private remove(key: string, entry: Held): void {
    this.held.delete(key);
    this.heldSpans -= entry.spans.length;
  }
}

const keyOf = (s: Span): string => `${s.traceId}/${s.spanId}`;

function isInProgress(s: Span): boolean {
  const v = findAttribute(s.attributes, XRAY_ATTRIBUTES.inProgress);
  return v?.type === 'bool' && v.value;
}
