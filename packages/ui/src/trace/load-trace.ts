import { ApiError, fetchApiJson } from '../shared/api-client.js';
import type { TraceJson } from './model/trace-json.js';

/**
 * Fetches one trace from Skein's own API. A 404 becomes `null` (the page says "not found" and
 * what to do); other failures throw an ApiError carrying Skein's code and message.
 */
export async function loadTrace(traceId: string, signal: AbortSignal): Promise<TraceJson | null> {
  let trace: Partial<TraceJson>;
  try {
    trace = await fetchApiJson<Partial<TraceJson>>(`/api/skein/traces/${encodeURIComponent(traceId)}`, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
  if (!Array.isArray(trace.spans)) throw new ApiError(200, 'BAD_RESPONSE', 'The trace API did not answer a trace.');
  return { traceId: typeof trace.traceId === 'string' ? trace.traceId : traceId, spans: trace.spans };
}
