/**
 * Retry rules of the OTLP/HTTP specification ("Failures" and "OTLP/HTTP Throttling"): only
 * 429, 502, 503 and 504 may be retried; every other 4xx and 5xx must not be. A retryable
 * answer's `Retry-After` is honoured; without one the client backs off exponentially.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/** How long to back off, and for how long in total before a batch is given up on. */
export interface RetryOptions {
  /** First backoff when the server gave no Retry-After. */
  readonly initialIntervalMs: number;
  /** Largest backoff between two attempts (Retry-After may ask for more; it is honoured). */
  readonly maxIntervalMs: number;
  /** A batch still failing this long after its first attempt is dropped, so the queue cannot wedge. */
  readonly maxElapsedTimeMs: number;
}

/**
 * 1 s → 30 s backoff and 5 min per batch: the OpenTelemetry Collector's `retry_on_failure`
 * defaults (`max_interval` 30 s, `max_elapsed_time` 300 s), with a shorter first interval (its
 * 5 s suits a collector more than a store that forwards on the side).
 */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  initialIntervalMs: 1_000,
  maxIntervalMs: 30_000,
  maxElapsedTimeMs: 300_000,
};

/** The Collector's backoff (cenkalti/backoff): ×1.5 per attempt, each delay randomized ±50 %. */
const MULTIPLIER = 1.5;
const RANDOMIZATION = 0.5;

/** Backoff before retry number `attempt` (0 for the first retry). */
export function backoffDelayMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxIntervalMs, options.initialIntervalMs * MULTIPLIER ** attempt);
  const jittered = base * (1 - RANDOMIZATION + 2 * RANDOMIZATION * random());
  return Math.round(Math.min(options.maxIntervalMs, jittered));
}

/**
 * `Retry-After` in milliseconds from `nowMs`: delay-seconds (`"120"`) or an HTTP-date
 * (RFC 9110 §10.2.3). A date already past gives 0. Undefined when absent or unreadable, so the
 * caller falls back to its own backoff.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^[0-9]+$/.test(v)) {
    const seconds = Number(v);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // Only date forms: Date.parse alone would also take "1.5" or "tomorrow"-like strings.
  if (!/^[A-Za-z]{3,9},? /.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
