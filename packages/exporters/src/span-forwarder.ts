import type { Span } from '@skein/model';

/**
 * Sends spans on to another backend, in the background. The pipeline hands it spans after
 * they are accepted; `forward` only queues them, so no client ever waits for the network.
 */
export interface SpanForwarder {
  /**
   * Queues `spans` for sending. False when the queue is full or the forwarder is closed:
   * nothing was queued, and the refusal was counted as a drop (`onDropped('queue_full')`).
   */
  forward(spans: readonly Span[]): boolean;
  /**
   * Whether `spans` more spans would be queued now. A caller that must not lose spans
   * (Skein without a store) asks first and turns its client away instead (503, so it retries).
   */
  hasRoomFor(spans: number): boolean;
  /** Spans waiting, including the batch being sent. */
  readonly queuedSpans: number;
  /** Waits until the queue is empty (everything sent or given up on), or `timeoutMs` passes. */
  flush(timeoutMs: number): Promise<void>;
  /**
   * Stops accepting spans, tries to send what is queued within `timeoutMs`, and counts the
   * rest as dropped (`shutdown`). Idempotent.
   */
  close(timeoutMs: number): Promise<void>;
}

/** What a forwarder reports; the server turns it into Prometheus counters. */
export interface ForwardObserver {
  /** Spans the receiving backend accepted. */
  onForwarded(spans: number): void;
  /** A batch will be sent again: the HTTP status, or the network error (`ECONNREFUSED`, `timeout`). */
  onRetry(status: number | string): void;
  /**
   * Spans given up on. `reason`: an HTTP status (`'400'`), `queue_full`, `retry_time_exceeded`,
   * `partial_success` (the backend refused some spans of a delivered batch), `shutdown`, `encode_failed`,
   * `internal_error`.
   */
  onDropped(reason: string, spans: number): void;
}

/** The part of a pino logger a forwarder uses. */
export interface ForwarderLogger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}
