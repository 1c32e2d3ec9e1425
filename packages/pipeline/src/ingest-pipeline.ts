import { SkeinError, type Span } from '@skein/model';
import type { GroupCommitter } from './group-commit.js';
import type { SpanLimits } from './limits.js';
import { DEFAULT_FORWARDER_CLOSE_TIMEOUT_MS, type SpanForwarderLike } from './span-forwarder-like.js';
import { validateSpans, type SpanRejection } from './validate-spans.js';

export interface IngestResult {
  readonly received: number;
  readonly accepted: number;
  readonly rejected: readonly SpanRejection[];
  readonly warnings: readonly string[];
}

/** What the pipeline reports, per receiver; the server turns it into Prometheus metrics. */
export interface IngestObserver {
  onReceived(receiver: string, spans: number): void;
  onAccepted(receiver: string, spans: number): void;
  onRejected(receiver: string, reason: string, spans: number): void;
}

/**
 * decode (receiver) → validate and bound → group commit → acknowledge, and → forwarders.
 *
 * With a store (`committer`), `ingest` resolves only once the accepted spans are durable; it
 * rejects (SkeinError) when they could not be stored, in which case nothing of the request was
 * acknowledged. Durable spans are then handed to every forwarder; the acknowledgement does not
 * wait for forwarding, and a forwarder whose queue is full drops them (it counts that itself):
 * the store has them, and a client must never fail because a side copy could not keep up.
 *
 * Without a store (`--storage none`, the collector role) the forwarders are the only place
 * spans go: a request is acknowledged once every forwarder has queued it, and when one has no
 * room the request fails with SKEIN_ERR_OVERLOADED (503 + Retry-After) before any forwarder
 * takes it, so the client's retry sends no duplicates: that is the collector's back-pressure.
 * (With neither a store nor a forwarder, accepted spans go nowhere: a configuration to refuse.)
 */
export class IngestPipeline {
  /** Set by close(); with a store, the committer refuses new work itself. */
  private closing = false;

  constructor(
    private readonly committer: GroupCommitter | undefined,
    private readonly limits: SpanLimits,
    private readonly observer?: IngestObserver,
    private readonly forwarders: readonly SpanForwarderLike[] = [],
    /** Told to clients turned away because a forward queue is full (no store). */
    private readonly retryAfterSeconds = 1,
  ) {}

  async ingest(receiver: string, spans: readonly Span[]): Promise<IngestResult> {
    this.observer?.onReceived(receiver, spans.length);
    const { accepted, rejected, warnings } = validateSpans(spans, this.limits);
    if (rejected.length > 0 && this.observer) {
      const byCode = new Map<string, number>();
      for (const r of rejected) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
      for (const [code, n] of byCode) this.observer.onRejected(receiver, code, n);
    }
    if (accepted.length > 0) {
      try {
        if (this.committer) await this.committer.submit(accepted);
        else this.queueForForwardingOnly(accepted);
      } catch (e) {
        this.observer?.onRejected(receiver, (e as { code?: string }).code ?? 'SKEIN_ERR_STORE_FAILED', accepted.length);
        throw e;
      }
      if (this.committer) for (const f of this.forwarders) f.forward(accepted);
      this.observer?.onAccepted(receiver, accepted.length);
    }
    return { received: spans.length, accepted: accepted.length, rejected, warnings };
  }

  /**
   * Refuses new requests, waits for in-flight commits (whose spans still go to the forwarders),
   * then closes the forwarders, giving them `forwarderTimeoutMs` to send what they hold.
   */
  async close(forwarderTimeoutMs = DEFAULT_FORWARDER_CLOSE_TIMEOUT_MS): Promise<void> {
    this.closing = true;
    if (this.committer) await this.committer.close();
    await Promise.allSettled(this.forwarders.map((f) => f.close(forwarderTimeoutMs)));
  }

  /** No store: all forwarders take the spans, or none does and the client is told to retry. */
  private queueForForwardingOnly(spans: readonly Span[]): void {
    if (this.closing) throw new SkeinError('SKEIN_ERR_SHUTTING_DOWN');
    const full = this.forwarders.filter((f) => !f.hasRoomFor(spans.length)).length;
    if (full > 0)
      throw new SkeinError('SKEIN_ERR_OVERLOADED', `the forward queue is full (${full} of ${this.forwarders.length} forwarder(s))`, {
        'retry-after': String(this.retryAfterSeconds),
      });
    // hasRoomFor and forward run in one synchronous step, so nothing can fill a queue in between.
    for (const f of this.forwarders) f.forward(spans);
  }
}

/** One line for a client: what was rejected and why (OTLP partial_success.error_message). */
export function summarizeIngest(result: IngestResult, maxItems = 10): string {
  const parts: string[] = [];
  if (result.rejected.length > 0) {
    const shown = result.rejected.slice(0, maxItems).map((r) => `${r.code}: ${r.message}`);
    const more = result.rejected.length - shown.length;
    parts.push(`${result.rejected.length} of ${result.received} span(s) rejected: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`);
  }
  parts.push(...result.warnings);
  return parts.join('. ');
}
