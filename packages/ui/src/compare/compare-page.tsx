import { navigate } from '../app/router.js';
import { EmptyState, ErrorState, Loading } from '../shared/states.js';
import { useAsync } from '../shared/use-async.js';
import { loadTrace } from '../trace/load-trace.js';
import { CompareForm } from './compare-form.js';
import { CompareView } from './compare-view.js';
import { compareHref, compareParamsFrom, traceIdProblem, type CompareParams } from './model/compare-params.js';
import './compare-page.css';

/**
 * `/compare?a={traceId}&b={traceId}`: the structural diff of two traces. Without two usable ids
 * it is a form; with them it loads both traces (in parallel) and shows the merged tree.
 */
export function ComparePage(props: { params: URLSearchParams }) {
  const params = compareParamsFrom(props.params);
  const ready = traceIdProblem(params.a) === undefined && traceIdProblem(params.b) === undefined;
  const key = ready ? `${params.a}\n${params.b}` : undefined;
  const loaded = useAsync(key, (signal) => Promise.all([loadTrace(params.a, signal), loadTrace(params.b, signal)]));
  // The view options change the URL in place (no history entry per click), as a filter should.
  const setView = (next: Partial<CompareParams>) => navigate(compareHref({ ...params, ...next }), { replace: true });

  return (
    <section className="compare-page" data-testid="compare-page" aria-labelledby="compare-title">
      <h1 id="compare-title" className="compare-title">
        Compare traces
      </h1>
      <CompareForm a={params.a} b={params.b} validate={props.params.has('a') || props.params.has('b')} />
      {!ready ? (
        <p className="compare-intro">
          Enter two trace ids, or tick two results on the <a href="/search">Search</a> page and press “Compare selected”. Spans are matched by their
          service and operation along the path from the root, so two runs of the same request line up even though their span ids differ.
        </p>
      ) : loaded.status === 'idle' || loaded.status === 'loading' ? (
        <Loading what="both traces" />
      ) : loaded.status === 'failed' ? (
        <ErrorState title="Could not load the traces" message={loaded.error.message} hint="Check that Skein is running and reachable, then try again." onRetry={loaded.reload} />
      ) : loaded.data[0] === null || loaded.data[1] === null ? (
        <EmptyState title={`Trace ${loaded.data[0] === null ? 'A' : 'B'} not found`}>
          No spans with trace id <code>{loaded.data[0] === null ? params.a : params.b}</code> are stored. Check the id, or wait a moment if the trace was
          just sent (spans appear once they are durable).
        </EmptyState>
      ) : (
        <CompareView a={loaded.data[0]} b={loaded.data[1]} params={params} onView={setView} />
      )}
    </section>
  );
}
