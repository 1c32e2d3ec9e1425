import { diag } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { FinishedSpan } from '../trace/finished-span.js';
import type { SpanProcessor } from '../trace/span-processor.js';
import type { SpanExporter } from './span-exporter.js';
import { callExporter } from './call-exporter.js';
import { RateLimitedWarning } from './rate-limited-warning.js';

export interface BatchSpanProcessorOptions {
  /** Spans held while waiting for export; more are dropped (and counted). Default 2048. */
  maxQueueSize: number;
  /** Longest a span waits before its batch is sent. Default 5000 ms. */
  scheduledDelayMillis: number;
  /** Most spans per export call; a full batch is sent at once. Default 512, at most maxQueueSize. */
  maxExportBatchSize: number;
  /** An export still running after this long counts as failed. Default 30000 ms. */
  exportTimeoutMillis: number;
}

export const DEFAULT_BATCH_OPTIONS: Readonly<BatchSpanProcessorOptions> = Object.freeze({
  maxQueueSize: 2048,
  scheduledDelayMillis: 5000,
  maxExportBatchSize: 512,
  exportTimeoutMillis: 30000,
});

interface FlushWaiter {
  readonly upTo: number;
  readonly resolve: () => void;
}

/**
 * Queues sampled spans in a fixed ring buffer and sends them in batches, with one export in
 * flight at a time (OpenTelemetry's BatchSpanProcessor semantics).
 *
 * `onEnd` is the hot path: a flag check, one array store and, at most once per batch, arming a
 * timer or scheduling an export. No promise, closure or timer is created per span, and the
 * export never runs inside `onEnd` itself.
 */
export class BatchSpanProcessor implements SpanProcessor {
  private readonly options: BatchSpanProcessorOptions;
  private readonly ring: (FinishedSpan | undefined)[];
  private head = 0;
  private count = 0;
  /** Spans ever queued / ever taken out for export: forceFlush waits for taken ≥ its mark. */
  private queuedTotal = 0;
  private takenTotal = 0;

  private exporting = false;
  private exportScheduled = false;
  private timerDue = false;
  private timerArmed = false;
  private timer: NodeJS.Timeout | undefined;
  private flushUpTo = 0;
  private waiters: FlushWaiter[] = [];
  private shutdownPromise: Promise<void> | undefined;
  private isShutdown = false;

  private exported = 0;
  private dropped = 0;
  private failedExportCount = 0;
  private failedSpanCount = 0;
  private readonly dropWarning = new RateLimitedWarning();
  private readonly failureWarning = new RateLimitedWarning();

  private readonly runPump = (): void => {
    this.exportScheduled = false;
    void this.pump();
  };
  private readonly onTimer = (): void => {
    this.timerArmed = false;
    this.timerDue = true;
    void this.pump();
  };

  constructor(
    private readonly exporter: SpanExporter,
    options: Partial<BatchSpanProcessorOptions> = {},
  ) {
    this.options = resolveOptions(options);
    this.ring = new Array<FinishedSpan | undefined>(this.options.maxQueueSize).fill(undefined);
  }

  /** Spans dropped because the queue was full. */
  get droppedSpans(): number {
    return this.dropped;
  }
  /** Spans handed to export calls that succeeded. */
  get exportedSpans(): number {
    return this.exported;
  }
  /** Export calls that failed, threw, or timed out. */
  get failedExports(): number {
    return this.failedExportCount;
  }
  /** Spans in the failed export calls. */
  get failedSpans(): number {
    return this.failedSpanCount;
  }
  /** Spans waiting in the queue now. */
  get queuedSpans(): number {
    return this.count;
  }

  onStart(_span: FinishedSpan, _parentContext: Context): void {}

  onEnd(span: FinishedSpan): void {
    if (this.isShutdown) return;
    try {
      if ((span.spanContext().traceFlags & 1) !== 1) return;
    } catch {
      return;
    }
    const size = this.ring.length;
    if (this.count === size) {
      this.countDrop();
      return;
    }
    let slot = this.head + this.count;
    if (slot >= size) slot -= size;
    this.ring[slot] = span;
    this.count++;
    this.queuedTotal++;
    if (this.count >= this.options.maxExportBatchSize) {
      if (!this.exportScheduled && !this.exporting) {
        this.exportScheduled = true;
        setImmediate(this.runPump);
      }
    } else if (!this.timerArmed) {
      this.armTimer();
    }
  }

  /** Exports every span queued before this call; resolves when done and never rejects. */
  forceFlush(): Promise<void> {
    return this.flushQueued().then(() => this.flushExporter());
  }

  /** Flushes, then shuts the exporter down. Later calls return the same promise. */
  shutdown(): Promise<void> {
    if (this.shutdownPromise) return this.shutdownPromise;
    this.isShutdown = true;
    this.shutdownPromise = this.flushQueued().then(async () => {
      if (this.timer) clearTimeout(this.timer);
      this.timerArmed = false;
      try {
        await this.exporter.shutdown();
      } catch (error) {
        diag.error('BatchSpanProcessor: exporter shutdown failed', error);
      }
    });
    return this.shutdownPromise;
  }

  private flushQueued(): Promise<void> {
    const upTo = this.queuedTotal;
    if (this.takenTotal >= upTo && !this.exporting) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiters.push({ upTo, resolve });
      if (upTo > this.flushUpTo) this.flushUpTo = upTo;
      void this.pump();
    });
  }

  private async flushExporter(): Promise<void> {
    try {
      await this.exporter.forceFlush?.();
    } catch (error) {
      diag.error('BatchSpanProcessor: exporter forceFlush failed', error);
    }
  }

  private armTimer(): void {
    this.timerArmed = true;
    if (this.timer === undefined) {
      this.timer = setTimeout(this.onTimer, this.options.scheduledDelayMillis);
      this.timer.unref();
    } else {
      // refresh() re-arms the same Timeout object: no allocation per batch.
      this.timer.refresh();
    }
  }

  /** Sends batches while one is due; only one pump runs at a time, so one export in flight. */
  private async pump(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    try {
      while (this.count > 0) {
        const full = this.count >= this.options.maxExportBatchSize;
        const flushing = this.flushUpTo > this.takenTotal;
        if (!full && !flushing && !this.timerDue) break;
        this.timerDue = false;
        await this.exportBatch(this.takeBatch());
        this.settleWaiters();
      }
      this.timerDue = false;
    } finally {
      this.exporting = false;
      this.settleWaiters();
      if (this.count > 0 && !this.timerArmed) this.armTimer();
    }
  }

  private takeBatch(): FinishedSpan[] {
    const n = Math.min(this.count, this.options.maxExportBatchSize);
    const batch = new Array<FinishedSpan>(n);
    const size = this.ring.length;
    let at = this.head;
    for (let i = 0; i < n; i++) {
      batch[i] = this.ring[at]!;
      this.ring[at] = undefined; // let the span be collected once exported
      if (++at === size) at = 0;
    }
    this.head = at;
    this.count -= n;
    this.takenTotal += n;
    return batch;
  }

  private async exportBatch(batch: FinishedSpan[]): Promise<void> {
    const result = await callExporter(this.exporter, batch, this.options.exportTimeoutMillis);
    if (result.ok) {
      this.exported += batch.length;
    } else {
      this.failedExportCount++;
      this.failedSpanCount += batch.length;
      const message = result.error.message;
      this.failureWarning.record((n) => `BatchSpanProcessor: ${n} export(s) failed, the last of ${batch.length} spans: ${message}`);
    }
  }

  /** Called only between exports: every span taken so far has been through a settled export. */
  private settleWaiters(): void {
    if (this.waiters.length === 0) return;
    const stillWaiting: FlushWaiter[] = [];
    for (const waiter of this.waiters) {
      if (this.takenTotal >= waiter.upTo) {
        waiter.resolve();
      } else {
        stillWaiting.push(waiter);
      }
    }
    this.waiters = stillWaiting;
  }

  private countDrop(): void {
    this.dropped++;
    this.dropWarning.record(
      (n) => `BatchSpanProcessor: queue full (maxQueueSize ${this.ring.length}); dropped ${n} spans (${this.dropped} in total)`,
    );
  }
}

function resolveOptions(options: Partial<BatchSpanProcessorOptions>): BatchSpanProcessorOptions {
  const pick = (name: keyof BatchSpanProcessorOptions, min: number): number => {
    const value = options[name];
    if (value === undefined) return DEFAULT_BATCH_OPTIONS[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      diag.warn(`BatchSpanProcessor: ${name}=${String(value)} is invalid; using ${DEFAULT_BATCH_OPTIONS[name]}`);
      return DEFAULT_BATCH_OPTIONS[name];
    }
    return Math.floor(value);
  };
  const maxQueueSize = pick('maxQueueSize', 1);
  let maxExportBatchSize = pick('maxExportBatchSize', 1);
  if (maxExportBatchSize > maxQueueSize) {
    diag.warn(`BatchSpanProcessor: maxExportBatchSize ${maxExportBatchSize} > maxQueueSize ${maxQueueSize}; using ${maxQueueSize}`);
    maxExportBatchSize = maxQueueSize;
  }
  return {
    maxQueueSize,
    maxExportBatchSize,
    scheduledDelayMillis: pick('scheduledDelayMillis', 0),
    exportTimeoutMillis: pick('exportTimeoutMillis', 1),
  };
}
