import { useEffect, useState } from 'react';
import { useLocation } from '../app/router.js';
import { loadTrace } from './load-trace.js';
import type { TraceJson } from './model/trace-json.js';
import { TraceView } from './trace-view.js';
import './trace-page.css';

type LoadState = { kind: 'loading' } | { kind: 'not-found' } | { kind: 'error'; message: string } | { kind: 'loaded'; trace: TraceJson };

/** `/trace/{id}[?span={spanId}]`: loads the trace, then hands it to the view. */
export function TracePage(props: { traceId: string }) {
  const { traceId } = props;
  const location = useLocation();
  const spanParam = location.params.get('span') ?? undefined;
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    loadTrace(traceId, abort.signal).then(
      (trace) => setState(trace ? { kind: 'loaded', trace } : { kind: 'not-found' }),
      (e: Error) => {
        if (e.name !== 'AbortError') setState({ kind: 'error', message: e.message });
      },
    );
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
  return <TraceView key={traceId} trace={state.trace} selectSpanId={spanParam} />;
}
