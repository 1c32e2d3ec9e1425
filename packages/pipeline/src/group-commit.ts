import { SkeinError, type Span } from '@skein/model';

export interface GroupCommitOptions {
  /** Admission bound: spans waiting for a commit. Past it, requests get 503 + Retry-After. */
  readonly maxQueuedSpans: number;
  /** Largest single commit; a bigger request is committed on its own. */
  readonly maxBatchSpans: number;
  /** Told to clients that are turned away. */
  readonly retryAfterSeconds: number;
}

export const DEFAULT_GROUP_COMMIT_OPTIONS: GroupCommitOptions = {
  maxQueuedSpans: 200_000,
  maxBatchSpans: 50_000,
  retryAfterSeconds: 1,
};

export interface CommitObserver {
  onCommit(info: { spans: number; requests: number; seconds: number }): void;
  onCommitFailed(error: unknown): void;
}

interface Pending {
  readonly spans: readonly Span[];
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Group commit: every request waits for a durable commit, but requests that arrive while a
 * commit is running are written together in the next one. So the commit rate, not the request
 * rate, is what the store sees, and an idle server commits immediately (no timer, no added
 * latency). A request is never split across commits, so it is all-or-nothing.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private queued = 0;
  private running: Promise<void> | undefined;
  private closing = false;

  constructor(
    private readonly write: (spans: readonly Span[]) => Promise<void>,
    private readonly options: GroupCommitOptions = DEFAULT_GROUP_COMMIT_OPTIONS,
    private readonly observer?: CommitObserver,
  ) {}

  get queuedSpans(): number {
    return this.queued;
  }

  /** Resolves once `spans` are durable in the store. */
  submit(spans: readonly Span[]): Promise<void> {
    if (this.closing) return Promise.reject(new SkeinError('SKEIN_ERR_SHUTTING_DOWN'));
    if (spans.length === 0) return Promise.resolve();
    // Admit one request even when it alone is larger than the bound, so big batches are not starved.
    if (this.queued > 0 && this.queued + spans.length > this.options.maxQueuedSpans) {
      return Promise.reject(
        new SkeinError('SKEIN_ERR_OVERLOADED', `${this.queued} spans are waiting to be committed`, {
          'retry-after': String(this.options.retryAfterSeconds),
        }),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ spans, resolve, reject });
      this.queued += spans.length;
      this.running ??= this.drain();
    });
  }

  /** Refuses new work, then waits for everything already accepted to be committed. */
  async close(): Promise<void> {
    this.closing = true;
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.takeGroup();
        const spans = group.length === 1 ? group[0]!.spans : group.flatMap((p) => p.spans);
        const started = process.hrtime.bigint();
        try {
          await this.write(spans);
          this.observer?.onCommit({ spans: spans.length, requests: group.length, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
          for (const p of group) p.resolve();
        } catch (e) {
          this.observer?.onCommitFailed(e);
          const err = e instanceof SkeinError ? e : new SkeinError('SKEIN_ERR_STORE_FAILED', e instanceof Error ? e.message : String(e));
          for (const p of group) p.reject(err);
        } finally {
          this.queued -= spans.length;
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private takeGroup(): Pending[] {
    let total = 0;
    let n = 0;
    while (n < this.queue.length) {
      const size = this.queue[n]!.spans.length;
      if (n > 0 && total + size > this.options.maxBatchSpans) break;
      total += size;
      n++;
    }
    return this.queue.splice(0, n);
  }
}
