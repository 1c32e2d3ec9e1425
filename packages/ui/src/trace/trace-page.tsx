import { useEffect, useState } from 'react';
import { useLocation } from '../app/router.js';
import { loadTrace, loadTraceOutline } from './load-trace.js';
import type { TraceJson } from './model/trace-json.js';
import { TraceView, type PayloadState } from './trace-view.js';
import './trace-page.css';

type LoadState = { kind: 'loading' } | { kind: 'not-found' } | { kind: 'error'; message: string } | { kind: 'loaded'; trace: TraceJson };

/**
 * Up to this many spans, every payload (attributes, events, links) is fetched right after the
 * first paint, so find-in-trace searches attributes too. Above it the whole trace is hundreds
 * of megabytes of JSON: payloads are fetched span by span, when one is opened.
 */
export const FULL_PAYLOAD_LIMIT = 20_000;

/**
 * `/trace/{id}[?span={spanId}]`: loads the trace's outline (ids, names, times: a small fraction of
 * the trace) and paints it, then fetches the payloads of small traces in the background.
 */
export function TracePage(props: { traceId: string }) {
  const { traceId } = props;
  const location = useLocation();
  const spanParam = location.params.get('span') ?? undefined;
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [payload, setPayload] = useState<PayloadState>({ kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    setPayload({ kind: 'loading' });
    loadTraceOutline(traceId, abort.signal)
      .then((trace) => {
        setState(trace ? { kind: 'loaded', trace } : { kind: 'not-found' });
        if (!trace) return;
        if (trace.spans.length > FULL_PAYLOAD_LIMIT) {
          setPayload({ kind: 'per-span', limit: FULL_PAYLOAD_LIMIT });
          return;
        }
        // After the paint: the outline is on screen while the payloads travel.
        return loadTrace(traceId, abort.signal).then(
          (full) => setPayload(full ? { kind: 'loaded', spans: full.spans } : { kind: 'per-span', limit: FULL_PAYLOAD_LIMIT }),
          (e: Error) => {
            if (e.name !== 'AbortError') setPayload({ kind: 'per-span', limit: FULL_PAYLOAD_LIMIT });
          },
        );
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setState({ kind: 'error', message: e.message });
      });
    return () => abort.abort();
  }, [traceId]);

  if (state.kind === 'loading') {
    return (
      <section className="trace-page" data-testid="loading" aria-busy="true">
        Loading trace <code>{traceId}</code>…
      </section>
    );
  }
  if (state.kind === 'not-found') {
    return (
      <section className="trace-page trace-message" data-testid="empty-state">
        <h2>Trace not found</h2>
        <p>
          No spans with trace id <code>{traceId}</code> are stored. Check the id, or wait a moment if the trace was just sent
          (spans appear once they are durable), or look it up from <a href="/search">Search</a>.
        </p>
      </section>
    );
  }
  if (state.kind === 'error') {
    return (
      <section className="trace-page trace-message" data-testid="error-state">
        <h2>Could not load the trace</h2>
        <p>{state.message}</p>
        <p>Check that Skein is running and reload the page.</p>
      </section>
    );
  }
  return <TraceView key={traceId} trace={state.trace} payload={payload} selectSpanId={spanParam} />;
}
