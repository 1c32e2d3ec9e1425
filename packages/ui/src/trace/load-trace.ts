import { ApiError } from '../shared/api-client.js';
import type { TraceJson } from './model/trace-json.js';

/**
 * Fetches one trace from Skein's own API. A 404 becomes `null` (the page says "not found" and
 * what to do); other failures throw an ApiError carrying Skein's code and message.
 */
export async function loadTrace(traceId: string, signal: AbortSignal): Promise<TraceJson | null> {
  let res: Response;
  try {
    res = await fetch(`/api/skein/traces/${encodeURIComponent(traceId)}`, { signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', `Skein did not answer (${(e as Error).message}). Is it running?`);
  }
  if (res.status === 404) return null;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`, typeof err?.message === 'string' ? err.message : `${res.status} ${res.statusText}`);
  }
  const trace = body as Partial<TraceJson> | undefined;
  if (!trace || !Array.isArray(trace.spans)) throw new ApiError(res.status, 'BAD_RESPONSE', 'The trace API did not answer a trace.');
  return { traceId: typeof trace.traceId === 'string' ? trace.traceId : traceId, spans: trace.spans };
}
