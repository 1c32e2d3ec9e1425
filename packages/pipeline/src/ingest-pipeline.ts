import type { Span } from '@skein/model';
import { GroupCommitter } from './group-commit.js';
import type { SpanLimits } from './limits.js';
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
 * decode (receiver) → validate and bound → group commit → acknowledge. `ingest` resolves only
 * once the accepted spans are durable; it rejects (SkeinError) when they could not be stored,
 * in which case nothing of the request was acknowledged.
 */
export class IngestPipeline {
  constructor(
    private readonly committer: GroupCommitter,
    private readonly limits: SpanLimits,
    private readonly observer?: IngestObserver,
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
        await this.committer.submit(accepted);
      } catch (e) {
        this.observer?.onRejected(receiver, (e as { code?: string }).code ?? 'SKEIN_ERR_STORE_FAILED', accepted.length);
        throw e;
      }
      this.observer?.onAccepted(receiver, accepted.length);
    }
    return { received: spans.length, accepted: accepted.length, rejected, warnings };
  }

  /** Refuses new requests and waits for in-flight commits (graceful shutdown). */
  close(): Promise<void> {
    return this.committer.close();
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
