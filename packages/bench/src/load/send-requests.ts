import http from 'node:http';
import { decodeExportTraceResponseProtobuf, parseExportTraceResponseJson } from '@skein/wire';
import type { PayloadPool } from '../payload/payload-pool.js';
import { post } from './http-post.js';

export interface LoadOptions {
  readonly otlpUrl: string;
  readonly pool: PayloadPool;
  readonly requests: number;
  /** Requests in flight at once (an exporter fleet sending in parallel). */
  readonly concurrency: number;
  /** Called about every `progressEveryMs` while the load runs. */
  readonly onProgress?: (p: LoadProgress) => void | Promise<void>;
  readonly progressEveryMs?: number;
}

export interface LoadProgress {
  readonly elapsedMs: number;
  readonly acceptedSpans: number;
  readonly acknowledgedRequests: number;
}

export interface LoadResult {
  readonly elapsedMs: number;
  readonly requestsSent: number;
  /** Requests answered 200 (the spans are durable: the server acknowledges only after the commit). */
  readonly acknowledgedRequests: number;
  /** Spans in acknowledged requests minus those the server reported rejected via partial_success. */
  readonly acceptedSpans: number;
  readonly rejectedSpans: number;
  readonly bodyBytes: number;
  /** 429/503 answers that were retried after Retry-After (overload back-pressure). */
  readonly retries: number;
  /** Non-retryable failures by status ("error" for transport failures). */
  readonly failures: Record<string, number>;
  /** Per-acknowledged-request latency in ms (send to full response), including retries. */
  readonly latenciesMs: Float64Array;
  /** Which send numbers were acknowledged: only their trace ids are used for queries later. */
  readonly acknowledged: Uint8Array;
}

/** How long to back off at most on 429/503, whatever Retry-After says, so a bench run cannot stall. */
const MAX_BACKOFF_MS = 1000;
const RETRYABLE = new Set([429, 503]);

/**
 * Sends `requests` requests from the pool with `concurrency` in flight over keep-alive
 * connections, like OTLP exporters would: an overloaded answer (429/503) is retried after
 * Retry-After; anything else that is not 200 is counted as a failure and not retried.
 */
export async function sendRequests(options: LoadOptions): Promise<LoadResult> {
  const { pool } = options;
  const url = new URL(`${options.otlpUrl}/v1/traces`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs = new Float64Array(options.requests);
  const acknowledged = new Uint8Array(options.requests);
  const failures: Record<string, number> = {};
  let next = 0;
  let acknowledgedRequests = 0;
  let acceptedSpans = 0;
  let rejectedSpans = 0;
  let bodyBytes = 0;
  let retries = 0;

  const started = performance.now();
  const progressTimer = options.onProgress
    ? setInterval(() => void options.onProgress!({ elapsedMs: performance.now() - started, acceptedSpans, acknowledgedRequests }), options.progressEveryMs ?? 5000)
    : undefined;

  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const send = next++;
      const body = pool.bodyFor(send);
      const sentAt = performance.now();
      for (;;) {
        let result;
        try {
          result = await post(url, agent, pool.contentType, body);
        } catch (err) {
          failures.error = (failures.error ?? 0) + 1;
          if (failures.error === 1) console.error(`  request failed: ${err instanceof Error ? err.message : String(err)}`);
          break;
        }
        if (result.status === 200) {
          const partial = pool.format === 'protobuf' ? decodeExportTraceResponseProtobuf(result.body) : parseExportTraceResponseJson(result.body.toString('utf8'));
          const spans = pool.spansInSend(send);
          acceptedSpans += spans - partial.rejectedSpans;
          rejectedSpans += partial.rejectedSpans;
          bodyBytes += body.byteLength;
          latenciesMs[acknowledgedRequests++] = performance.now() - sentAt;
          acknowledged[send] = 1;
          break;
        }
        if (RETRYABLE.has(result.status)) {
          retries++;
          await new Promise((r) => setTimeout(r, Math.min(MAX_BACKOFF_MS, (result.retryAfterSeconds ?? 0.1) * 1000)));
          continue;
        }
        const key = String(result.status);
        failures[key] = (failures[key] ?? 0) + 1;
        if (failures[key] === 1) console.error(`  request answered ${result.status}: ${result.body.toString('utf8').slice(0, 300)}`);
        break;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    if (progressTimer) clearInterval(progressTimer);
    agent.destroy();
  }
  return {
    elapsedMs: performance.now() - started,
    requestsSent: next,
    acknowledgedRequests,
    acceptedSpans,
    rejectedSpans,
    bodyBytes,
    retries,
    failures,
    latenciesMs: latenciesMs.subarray(0, acknowledgedRequests),
    acknowledged,
  };
}
