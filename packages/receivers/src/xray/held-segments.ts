import { findAttribute, type Resource, type Span } from '@skein/model';
import { XRAY_ATTRIBUTES } from '@skein/wire';
import { SegmentServices, spanKey } from './segment-services.js';

export interface HeldSegmentsOptions {
  /**
   * How long a document is held waiting for its completion or for its segment (ms), and how
   * long a span is remembered with its segment's service after it was last seen.
   */
  readonly maxAgeMs: number;
  /** How many spans may be held at once; past it the oldest documents are stored as they are. */
  readonly maxSpans: number;
  /** How many span ids are remembered with their segment's service (default DEFAULT_MAX_KNOWN_SPAN_IDS). */
  readonly maxKnownSpanIds?: number;
  readonly now?: () => number;
}

/** Long enough for a slow request (X-Ray SDKs send in-progress segments for long-running work). */
export const DEFAULT_HOLD_MAX_AGE_MS = 5 * 60_000;
export const DEFAULT_HOLD_MAX_SPANS = 10_000;
/** ~100 bytes each: ~10 MB at most, enough for the spans of a few thousand requests in flight. */
export const DEFAULT_MAX_KNOWN_SPAN_IDS = 100_000;

interface Held {
  readonly spans: readonly Span[];
  readonly since: number;
  /** A streamed subsegment's: the key of the span (its parent) whose service it waits for. */
  readonly waitsFor?: string;
}

/**
 * X-Ray documents the receiver cannot store right away, held until it can store them right.
 *
 * In-progress segments. Clients may send a segment before it ends (`in_progress: true`, no end
 * time) and send it again, complete, with the same id when it does. Storing both would leave a
 * zero-length duplicate beside the real span, so:
 * - a document whose top (sub)segment is in progress is held whole (its already finished
 *   subsegments come again in the complete document), keyed by trace id + span id; a newer
 *   in-progress version replaces the held one but keeps its age;
 * - a complete document releases (discards) what is held for any of its spans, and is stored.
 *
 * Streamed subsegments. SDKs send the subsegments of a segment with many open ones on their own
 * (`type: "subsegment"`, `parent_id`; aws-xray-sdk-core's streaming threshold) as they close,
 * and the segment only when it closes, so these usually arrive before their segment. They do not
 * name their service (the decoder gives them no resource); X-Ray merges them into their segment,
 * and Skein gives them their segment's Resource, the same object (shared by reference):
 * - every document whose service is known (a segment, or a streamed subsegment once resolved)
 *   has its span ids remembered with its Resource (SegmentServices, bounded by
 *   `maxKnownSpanIds` and `maxAgeMs`);
 * - a streamed subsegment whose parent is remembered gets that Resource at once, its nested
 *   subsegments too;
 * - one whose parent is not known yet is held until a document containing its parent arrives;
 *   then it gets the Resource of that parent and goes on as if it had just arrived (so it may
 *   in turn release subsegments streamed under it: chains resolve once they reach a segment).
 *
 * Held documents of either kind that reach `maxAgeMs`, are pushed out by `maxSpans` (oldest
 * first, one budget for both), or are still held at shutdown are stored as they are, so a
 * request that never completes (crash, lost datagram) is still visible: an in-progress span with
 * end = start and `aws.xray.in_progress: true` (as the decoder made it), a streamed subsegment
 * with no service. If what they waited for arrives after that, it is stored as it is too
 * (both versions of an in-progress segment; a subsegment without its service); holding longer
 * would cost memory, losing them would cost the data. (Likewise an in-progress version that UDP
 * delivers after the complete one is held, then stored.)
 *
 * Memory is bounded by `maxSpans` and `maxKnownSpanIds`; the held map is in first-seen order,
 * so expiry and eviction look only at its head.
 */
export class HeldSegments {
  /** In-progress documents under their top span's key, streamed subsegments under `#<n>` (no '/': no clash). */
  private readonly held = new Map<string, Held>();
  /** Parent span key → keys (in `held`) of the streamed subsegments waiting for it. */
  private readonly waiting = new Map<string, Set<string>>();
  private readonly services: SegmentServices;
  private heldSpans = 0;
  private nextWaitingId = 0;
  private readonly now: () => number;

  constructor(private readonly options: HeldSegmentsOptions) {
    this.now = options.now ?? Date.now;
    this.services = new SegmentServices(options.maxKnownSpanIds ?? DEFAULT_MAX_KNOWN_SPAN_IDS, options.maxAgeMs, this.now);
  }

  /** Spans currently held. */
  get size(): number {
    return this.heldSpans;
  }

  /** Span ids currently remembered with their segment's service. */
  get knownSpanIds(): number {
    return this.services.size;
  }

  /**
   * One decoded segment document (its top span first, as decodeXrayDatagram returns it) → the
   * spans to store now: the document itself unless it is held, the held documents it completed
   * or gave a service to, and any older held documents pushed out by maxSpans.
   */
  admit(document: readonly Span[]): Span[] {
    const top = document[0];
    if (!top) return [];
    const out: Span[] = [];
    const withService = this.serviceOrHold(top, document);
    if (withService) this.settle(withService, out);
    this.evictOverflow(out);
    return out;
  }

  /** Held documents older than maxAgeMs, to be stored as they are. */
  expire(): Span[] {
    this.services.expire();
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
    this.waiting.clear();
    this.services.clear();
    this.heldSpans = 0;
    return out;
  }

  /**
   * A document whose service is known: its spans are remembered, the streamed subsegments
   * waiting for one of them are given its Resource and settled in turn (a queue, not recursion:
   * a long chain cannot overflow the stack), and each goes through the in-progress rule.
   */
  private settle(document: readonly Span[], out: Span[]): void {
    const queue = [document];
    for (let i = 0; i < queue.length; i++) {
      const doc = queue[i]!;
      this.services.remember(doc);
      for (const span of doc) {
        const parent = spanKey(span.traceId, span.spanId);
        const keys = this.waiting.get(parent);
        if (!keys) continue;
        this.waiting.delete(parent);
        for (const key of keys) {
          const entry = this.held.get(key)!;
          this.held.delete(key);
          this.heldSpans -= entry.spans.length;
          queue.push(withResource(entry.spans, span.resource));
        }
      }
      this.admitWithService(doc, out);
    }
  }

  /** The in-progress rule, for a document whose service is settled. */
  private admitWithService(document: readonly Span[], out: Span[]): void {
    const top = document[0]!;
    if (!isInProgress(top)) {
      for (const span of document) {
        const key = spanKey(span.traceId, span.spanId);
        const previous = this.held.get(key);
        if (previous) this.remove(key, previous);
      }
      out.push(...document);
      return;
    }
    const key = spanKey(top.traceId, top.spanId);
    const previous = this.held.get(key);
    if (previous) {
      // Map.set on an existing key keeps its place, so the held order stays first-seen order.
      this.heldSpans -= previous.spans.length;
      this.held.set(key, { spans: document, since: previous.since });
    } else {
      this.held.set(key, { spans: document, since: this.now() });
    }
    this.heldSpans += document.length;
  }

  /**
   * The document with its service: as it is, or a streamed subsegment with its parent's
   * Resource; undefined when it is held until its parent is seen.
   */
  private serviceOrHold(top: Span, document: readonly Span[]): readonly Span[] | undefined {
    if (!isStreamedSubsegment(top)) return document;
    const parent = spanKey(top.traceId, top.parentSpanId);
    const resource = this.services.resourceOf(parent);
    if (resource !== undefined) return withResource(document, resource);
    this.holdUntilParent(document, parent);
    return undefined;
  }

  private holdUntilParent(document: readonly Span[], parent: string): void {
    const key = `#${this.nextWaitingId++}`;
    this.held.set(key, { spans: document, since: this.now(), waitsFor: parent });
    this.heldSpans += document.length;
    const keys = this.waiting.get(parent);
    if (keys) keys.add(key);
    else this.waiting.set(parent, new Set([key]));
  }

  private evictOverflow(out: Span[]): void {
    for (const [key, entry] of this.held) {
      if (this.heldSpans <= this.options.maxSpans) break;
      this.remove(key, entry);
      out.push(...entry.spans);
    }
  }

  private remove(key: string, entry: Held): void {
    this.held.delete(key);
    this.heldSpans -= entry.spans.length;
    if (entry.waitsFor === undefined) return;
    const keys = this.waiting.get(entry.waitsFor);
    keys?.delete(key);
    if (keys?.size === 0) this.waiting.delete(entry.waitsFor);
  }
}

/** As the decoder reads it (xray-segment-to-spans.ts): `type: "subsegment"` with a parent id. */
function isStreamedSubsegment(top: Span): boolean {
  if (top.parentSpanId === '') return false; // nothing to wait for
  const type = findAttribute(top.attributes, XRAY_ATTRIBUTES.type);
  return type?.type === 'string' && type.value.toLowerCase() === 'subsegment';
}

function isInProgress(s: Span): boolean {
  const v = findAttribute(s.attributes, XRAY_ATTRIBUTES.inProgress);
  return v?.type === 'bool' && v.value;
}

/** The document's spans with the Resource of their segment: the same object, never a copy. */
function withResource(document: readonly Span[], resource: Resource): readonly Span[] {
  return document.map((s) => (s.resource === resource ? s : { ...s, resource }));
}
