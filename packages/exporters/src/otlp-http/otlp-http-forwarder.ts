import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Span } from '@skein/model';
import { encodeOtlpProtobuf, type ExportTracePartialSuccess } from '@skein/wire';
import { RateLimitedLog } from '../rate-limited-log.js';
import { SpanBatchQueue } from '../span-batch-queue.js';
import type { ForwardObserver, ForwarderLogger, SpanForwarder } from '../span-forwarder.js';
import { USER_AGENT } from '../version.js';
import { postOtlpBatch, type PostOutcome } from './post-otlp-batch.js';
import { backoffDelayMs, DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry-policy.js';

const gzipAsync = promisify(gzip);

export interface OtlpHttpForwarderOptions {
  /** The full URL, e.g. https://api.honeycomb.io/v1/traces (no path is appended). */
  readonly endpoint: string;
  /** Sent with every request (e.g. `x-honeycomb-team`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Spans waiting (the batch being sent included); beyond it `forward` refuses. */
  readonly maxQueuedSpans: number;
  readonly maxBatchSpans: number;
  /** Per request, the whole exchange. */
  readonly timeoutMs: number;
  readonly compression: 'gzip' | 'none';
  readonly observer?: ForwardObserver;
  readonly logger?: ForwarderLogger;
  /** Backoff and give-up time; defaults to DEFAULT_RETRY_OPTIONS. */
  readonly retry?: Partial<RetryOptions>;
  /** At most one log line per kind of problem per interval (default 10 s). */
  readonly logIntervalMs?: number;
}

/** Floor under a server's Retry-After, so `Retry-After: 0` on every answer cannot spin the loop. */
const MIN_RETRY_AFTER_MS = 100;

/**
 * Forwards spans to any OTLP/HTTP endpoint as protobuf (Honeycomb, another Skein, a
 * collector), from a bounded queue, one request at a time.
 *
 * Batching works like the store's group commit: when the forwarder is idle, what arrives is
 * sent at once (no linger timer); while a request is in flight, spans accumulate and go out
 * together in the next batch. Failures follow the OTLP/HTTP spec (see retry-policy.ts); a
 * batch is given up on after `retry.maxElapsedTimeMs`, so one dead endpoint cannot hold the
 * queue forever, and everything given up on is counted through the observer.
 */
export function createOtlpHttpForwarder(opts: OtlpHttpForwarderOptions): SpanForwarder {
  return new OtlpHttpForwarder(opts);
}

class OtlpHttpForwarder implements SpanForwarder {
  private readonly queue = new SpanBatchQueue();
  /** Spans of the batch being sent (still counted against the bound: they are still in memory). */
  private inFlight = 0;
  private draining: Promise<void> | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** Aborted at the close deadline: cuts the request in flight and any backoff short. */
  private readonly stop = new AbortController();
  private readonly url: string;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly retry: RetryOptions;
  private readonly maxBatchSpans: number;
  private readonly logLimiter: RateLimitedLog;

  constructor(private readonly opts: OtlpHttpForwarderOptions) {
    this.url = new URL(opts.endpoint).href; // fails here, at startup, rather than per batch
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...opts.retry };
    this.maxBatchSpans = Math.max(1, Math.floor(opts.maxBatchSpans));
    this.logLimiter = new RateLimitedLog(opts.logIntervalMs ?? 10_000);
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    for (const [k, v] of Object.entries(opts.headers)) headers[k.toLowerCase()] = v;
    headers['content-type'] = 'application/x-protobuf';
    delete headers['content-encoding'];
    if (opts.compression === 'gzip') headers['content-encoding'] = 'gzip';
    this.headers = headers;
  }

  get queuedSpans(): number {
    return this.queue.size + this.inFlight;
  }

  hasRoomFor(spans: number): boolean {
    if (this.closed) return false;
    const queued = this.queuedSpans;
    // An empty queue takes any one request, however large, so a big request is never refused forever.
    return queued === 0 || queued + spans <= this.opts.maxQueuedSpans;
  }

  forward(spans: readonly Span[]): boolean {
    if (spans.length === 0) return true;
    if (!this.hasRoomFor(spans.length)) {
      if (this.closed) this.drop('shutdown', spans.length, 'the forwarder is closed');
      else this.drop('queue_full', spans.length, `${this.queuedSpans} spans are already waiting (limit ${this.opts.maxQueuedSpans})`);
      return false;
    }
    this.queue.push(spans);
    this.draining ??= this.drain();
    return true;
  }

  async flush(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        expired = true;
        resolve();
      }, timeoutMs);
    });
    try {
      while (this.draining && !expired) await Promise.race([this.draining, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(timeoutMs: number): Promise<void> {
    return (this.closing ??= (async () => {
      this.closed = true;
      const timer = setTimeout(() => this.stop.abort(), timeoutMs);
      try {
        while (this.draining) await this.draining;
      } finally {
        clearTimeout(timer);
      }
      const left = this.queue.clear();
      if (left > 0) this.drop('shutdown', left, `not sent within the ${timeoutMs} ms allowed at shutdown`);
    })());
  }

  private async drain(): Promise<void> {
    try {
      // Start on the next turn of the event loop: the caller (a request being acknowledged)
      // does not pay for encoding, and forwards made in the same turn share the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.size > 0 && !this.stop.signal.aborted) {
        const batch = this.queue.take(this.maxBatchSpans);
        this.inFlight = batch.length;
        try {
          await this.deliver(batch);
        } catch (e) {
          // deliver handles every expected failure; this is a bug, but it must not wedge the queue.
          this.drop('internal_error', batch.length, describe(e), 'error');
        } finally {
          this.inFlight = 0;
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** Sends one batch until it is delivered, refused, or given up on; counts the result. */
  private async deliver(batch: readonly Span[]): Promise<void> {
    let body: Uint8Array;
    try {
      body = encodeOtlpProtobuf(batch);
      if (this.opts.compression === 'gzip') body = await gzipAsync(body);
    } catch (e) {
      this.drop('encode_failed', batch.length, describe(e), 'error');
      return;
    }
    const firstAttemptAt = Date.now();
    for (let attempt = 0; ; attempt++) {
      const outcome = await postOtlpBatch({ url: this.url, headers: this.headers, body, timeoutMs: this.opts.timeoutMs, signal: this.stop.signal });
      if (outcome.kind === 'delivered') return this.delivered(batch.length, outcome.partialSuccess);
      if (outcome.kind === 'refused') return this.drop(String(outcome.status), batch.length, failureOf(outcome));
      if (this.stop.signal.aborted) return this.drop('shutdown', batch.length, `not sent before the shutdown deadline (${failureOf(outcome)})`);
      const delay = outcome.retryAfterMs !== undefined ? Math.max(MIN_RETRY_AFTER_MS, outcome.retryAfterMs) : backoffDelayMs(attempt, this.retry);
      if (Date.now() + delay - firstAttemptAt > this.retry.maxElapsedTimeMs)
        return this.drop('retry_time_exceeded', batch.length, `still failing after ${attempt + 1} attempt(s) over ${Date.now() - firstAttemptAt} ms; last: ${failureOf(outcome)}`);
      this.opts.observer?.onRetry(outcome.status);
      await sleep(delay, undefined, { signal: this.stop.signal }).catch(() => undefined);
      if (this.stop.signal.aborted) return this.drop('shutdown', batch.length, `not sent before the shutdown deadline (${failureOf(outcome)})`);
    }
  }

  /** OTLP partial success: the backend took the batch but refused some of its spans. */
  private delivered(spans: number, partial: ExportTracePartialSuccess | undefined): void {
    if (partial === undefined) {
      this.opts.observer?.onForwarded(spans);
      this.log('warn', 'unreadable_response', { spans }, 'forwarded, but the export response could not be read');
      return;
    }
    const rejected = Math.min(spans, Math.max(0, partial.rejectedSpans));
    if (spans - rejected > 0) this.opts.observer?.onForwarded(spans - rejected);
    if (rejected > 0) this.drop('partial_success', rejected, partial.errorMessage || 'no message');
    else if (partial.errorMessage !== '') this.log('warn', 'partial_success_warning', { spans, message: partial.errorMessage }, 'the backend accepted the spans with a warning');
  }

  private drop(reason: string, spans: number, detail: string, level: 'warn' | 'error' = 'warn'): void {
    this.opts.observer?.onDropped(reason, spans);
    this.log(level, `drop:${reason}`, { reason, spans, detail }, 'spans dropped by the forwarder');
  }

  private log(level: 'warn' | 'error', key: string, fields: Record<string, unknown>, msg: string): void {
    const logger = this.opts.logger;
    if (!logger) return;
    this.logLimiter.maybe(key, (suppressed) => logger[level](suppressed > 0 ? { ...fields, suppressedSinceLastLine: suppressed } : fields, msg));
  }
}

function failureOf(outcome: Exclude<PostOutcome, { kind: 'delivered' }>): string {
  return typeof outcome.status === 'number' ? `HTTP ${outcome.status}: ${outcome.message}` : `${outcome.status}: ${outcome.message}`;
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));
