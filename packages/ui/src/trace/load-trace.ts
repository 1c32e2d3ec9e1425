import { ApiError, fetchApiJson } from '../shared/api-client.js';
import type { SpanJson, TraceJson } from './model/trace-json.js';
import { spansFromOutline, type TraceOutlineJson } from './model/trace-outline.js';

const tracePath = (traceId: string) => `/api/skein/traces/${encodeURIComponent(traceId)}`;

/** A 404 becomes `null` (the page says "not found" and what to do); other failures throw an ApiError. */
async function orNotFound<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Fetches one whole trace (every span with its payload) from Skein's own API. */
export async function loadTrace(traceId: string, signal: AbortSignal): Promise<TraceJson | null> {
  const trace = await orNotFound(fetchApiJson<Partial<TraceJson>>(tracePath(traceId), signal));
  if (trace === null) return null;
  if (!Array.isArray(trace.spans)) throw new ApiError(200, 'BAD_RESPONSE', 'The trace API did not answer a trace.');
  return { traceId: typeof trace.traceId === 'string' ? trace.traceId : traceId, spans: trace.spans };
}

/**
 * Fetches the trace's outline: every span's ids, names, service, kind, times and status, as
 * `outline: true` spans. It is what the trace page paints first; payloads come later.
 */
export async function loadTraceOutline(traceId: string, signal: AbortSignal): Promise<TraceJson | null> {
  const outline = await orNotFound(fetchApiJson<TraceOutlineJson>(`${tracePath(traceId)}/outline`, signal));
  if (outline === null) return null;
  try {
    return { traceId: typeof outline.traceId === 'string' ? outline.traceId : traceId, spans: spansFromOutline(outline) };
  } catch (e) {
    throw new ApiError(200, 'BAD_RESPONSE', `The trace API did not answer an outline: ${(e as Error).message}.`);
  }
}

/** The full span(s) with this id: two for a Zipkin shared span (client half first). */
export async function loadSpanPayload(traceId: string, spanId: string, signal: AbortSignal): Promise<SpanJson[]> {
  const body = await fetchApiJson<{ spans?: SpanJson[] }>(`${tracePath(traceId)}/spans/${encodeURIComponent(spanId)}`, signal);
  if (!Array.isArray(body.spans)) throw new ApiError(200, 'BAD_RESPONSE', 'The span API did not answer spans.');
  return body.spans;
}
