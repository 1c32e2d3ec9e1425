import { context } from '@opentelemetry/api';
import type { FinishedSpan } from '../../trace/finished-span.js';
import type { ExportResult, SpanExporter } from '../span-exporter.js';
import { isTracingSuppressed } from '../suppress-tracing.js';

type Behaviour = 'ok' | 'fail' | 'throw' | 'reject' | 'hang';

/**
 * A SpanExporter for processor tests: records each batch, can fail in every way an exporter
 * can, can hold an export open until `release()`, and reports concurrent calls.
 */
export class RecordingExporter implements SpanExporter {
  readonly batches: FinishedSpan[][] = [];
  readonly suppressedCalls: boolean[] = [];
  behaviour: Behaviour = 'ok';
  /** When true, each export waits for release() before settling. */
  hold = false;
  inFlight = 0;
  maxInFlight = 0;
  shutdownCalls = 0;
  forceFlushCalls = 0;
  private releases: (() => void)[] = [];
  private exportWaiters: (() => void)[] = [];

  export(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    this.batches.push([...spans]);
    this.suppressedCalls.push(isTracingSuppressed(context.active()));
    for (const wake of this.exportWaiters.splice(0)) wake();
    if (this.behaviour === 'throw') throw new Error('exporter threw');
    if (this.behaviour === 'reject') return Promise.reject(new Error('exporter rejected'));
    if (this.behaviour === 'hang') return new Promise(() => {});
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const result: ExportResult =
      this.behaviour === 'fail' ? { ok: false, error: new Error('backend said no'), retryable: false } : { ok: true };
    if (!this.hold) {
      this.inFlight--;
      return Promise.resolve(result);
    }
    return new Promise((resolve) => {
      this.releases.push(() => {
        this.inFlight--;
        resolve(result);
      });
    });
  }

  /** Lets the oldest held export settle. */
  release(): void {
    this.releases.shift()?.();
  }

  get heldExports(): number {
    return this.releases.length;
  }

  /** Resolves when the next export call begins (or at once if `count` calls already happened). */
  waitForExports(count: number): Promise<void> {
    if (this.batches.length >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.batches.length >= count) resolve();
        else this.exportWaiters.push(check);
      };
      this.exportWaiters.push(check);
    });
  }

  forceFlush(): Promise<void> {
    this.forceFlushCalls++;
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.shutdownCalls++;
    return Promise.resolve();
  }
}

/** Lets queued setImmediate callbacks and the promise jobs they start run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Awaits `promise` while holding the event loop open: the processors' timers are unref'd (they
 * must not keep an application alive), so a test waiting only on them would end early.
 */
export async function whileAlive<T>(promise: Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => {}, 1000);
  try {
    return await promise;
  } finally {
    clearInterval(keepAlive);
  }
}
