import type { ExportTracePartialSuccess } from '@skein/wire';
import { errorMessageOf, partialSuccessOf, readBodyLimited } from './response-body.js';
import { isRetryableStatus, parseRetryAfterMs } from './retry-policy.js';

/** What became of one POST of one batch. */
export type PostOutcome =
  /** 2xx. `partialSuccess` is undefined when the answer could not be read (delivered all the same). */
  | { readonly kind: 'delivered'; readonly partialSuccess: ExportTracePartialSuccess | undefined }
  /** Must not be sent again (OTLP: every 4xx/5xx but 429, 502, 503, 504). */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string }
  /** Worth sending again: a retryable status, a network error (its code) or `timeout`. */
  | { readonly kind: 'retryable'; readonly status: number | string; readonly retryAfterMs: number | undefined; readonly message: string };

export interface PostRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly timeoutMs: number;
  /** Aborts the request early (the forwarder's close deadline). */
  readonly signal: AbortSignal;
}

/**
 * One OTLP/HTTP export request, with Node's fetch (undici): its global agent keeps connections
 * alive across batches, and one AbortController per request gives a clean timeout covering the
 * whole exchange, body included. (Not AbortSignal.any with the forwarder's long-lived signal:
 * Node leaks every signal combined with a long-lived one, nodejs/node#55351.) Never throws.
 */
export async function postOtlpBatch(req: PostRequest): Promise<PostOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${req.timeoutMs} ms`, 'TimeoutError')), req.timeoutMs);
  const onStop = () => controller.abort(new DOMException('the forwarder is shutting down', 'AbortError'));
  if (req.signal.aborted) onStop();
  else req.signal.addEventListener('abort', onStop, { once: true });
  try {
    let res: Response;
    try {
      res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: controller.signal });
    } catch (e) {
      return { kind: 'retryable', status: networkErrorCode(e), retryAfterMs: undefined, message: describeError(e) };
    }
    const contentType = res.headers.get('content-type');
    // The body is always read (bounded): undici reuses the connection only once it is consumed.
    const body = await readBodyLimited(res);
    if (res.ok) return { kind: 'delivered', partialSuccess: partialSuccessOf(contentType, body) };
    const message = errorMessageOf(contentType, body);
    if (isRetryableStatus(res.status)) return { kind: 'retryable', status: res.status, retryAfterMs: parseRetryAfterMs(res.headers.get('retry-after'), Date.now()), message };
    return { kind: 'refused', status: res.status, message };
  } finally {
    clearTimeout(timer);
    req.signal.removeEventListener('abort', onStop);
  }
}

/** A short, stable label for a failed exchange (metrics label and log field). */
function networkErrorCode(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError') return 'timeout';
    if (e.name === 'AbortError') return 'aborted';
    const cause = (e as { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  }
  return 'network_error';
}

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
}
