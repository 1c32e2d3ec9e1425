import type * as http from 'node:http';
import { retryAfterMillis } from './retry-after.js';
import { RequestTimeoutError, sendRequest } from './send-request.js';
import type { HttpResponseData } from './send-request.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  readonly maxAttempts: number;
  /** First backoff; each retry multiplies it by `multiplier`, up to `maxBackoffMillis`. */
  readonly initialBackoffMillis: number;
  readonly maxBackoffMillis: number;
  readonly multiplier: number;
  /** Each backoff is scattered by ±jitter (0.2 = ±20 %) so clients do not retry in step. */
  readonly jitter: number;
}

/** OpenTelemetry's OTLP exporter defaults. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  initialBackoffMillis: 1000,
  maxBackoffMillis: 5000,
  multiplier: 1.5,
  jitter: 0.2,
});

/** Status codes OTLP/HTTP says to retry (throttling and temporary unavailability). */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export type PostResult =
  | { readonly ok: true; readonly response: HttpResponseData; readonly attempts: number }
  | { readonly ok: false; readonly error: Error; readonly retryable: boolean; readonly response?: HttpResponseData; readonly attempts: number };

export interface PostRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** Bounds the whole call, retries and waits included. */
  readonly timeoutMillis: number;
  readonly agent?: http.Agent;
  readonly retry?: Partial<RetryPolicy>;
}

/**
 * POSTs `body`, retrying network errors and 429/502/503/504 with exponential backoff and
 * jitter, or after the server's `Retry-After` when it gives one, all within `timeoutMillis`.
 * Other statuses are final. Never rejects.
 */
export async function postWithRetry(request: PostRequest): Promise<PostResult> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...request.retry };
  const deadline = performance.now() + request.timeoutMillis;
  let backoff = policy.initialBackoffMillis;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return { ok: false, error: new RequestTimeoutError(request.timeoutMillis), retryable: true, attempts: attempt - 1 };
    let response: HttpResponseData;
    let failure: { error: Error; response?: HttpResponseData };
    try {
      response = await sendRequest(request.url, request.headers, request.body, remaining, request.agent);
      if (response.status >= 200 && response.status < 300) return { ok: true, response, attempts: attempt };
      const error = new Error(`HTTP ${response.status}${describeBody(response.body)}`);
      if (!RETRYABLE_STATUS.has(response.status)) return { ok: false, error, retryable: false, response, attempts: attempt };
      failure = { error, response };
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (error instanceof RequestTimeoutError) {
        return { ok: false, error: new RequestTimeoutError(request.timeoutMillis), retryable: true, attempts: attempt };
      }
      failure = { error };
    }
    if (attempt >= policy.maxAttempts) return { ok: false, ...failure, retryable: true, attempts: attempt };
    const asked = failure.response ? retryAfterMillis(failure.response.headers['retry-after'], Date.now()) : undefined;
    const delay = asked ?? jittered(backoff, policy.jitter);
    backoff = Math.min(backoff * policy.multiplier, policy.maxBackoffMillis);
    if (performance.now() + delay >= deadline) {
      // Waiting would outlast the timeout: give up now rather than after a pointless wait.
      return { ok: false, ...failure, retryable: true, attempts: attempt };
    }
    await sleep(delay);
  }
}

function jittered(ms: number, jitter: number): number {
  return Math.max(0, ms * (1 - jitter + Math.random() * 2 * jitter));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeBody(body: Buffer): string {
  if (body.length === 0) return '';
  const text = body.subarray(0, 200).toString('utf8').replace(/[^\x20-\x7e]+/g, ' ').trim();
  return text ? `: ${text}` : '';
}
