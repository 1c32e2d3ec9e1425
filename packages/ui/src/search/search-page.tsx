import { useEffect, useMemo, useState } from 'react';
import { navigate } from '../app/router.js';
import { ApiError, api } from '../shared/api-client.js';
import { EmptyState, ErrorState, Loading } from '../shared/states.js';
import { useAsync } from '../shared/use-async.js';
import { ResultsList } from './results-list.js';
import { ScatterPlot } from './scatter-plot.js';
import { SearchFormView } from './search-form.js';
import { apiSearchParams, formFromParams, hasErrors, searchUrl, validateForm, type SearchForm, type SortChoice } from './search-query.js';
import { sortResults } from './sort-results.js';

/**
 * Search: the URL is the search. The form edits a draft; "Find traces" (or a sort change, or
 * a drag on the scatter plot) turns the draft into a URL, and the URL (also on reload and
 * back/forward) decides what is fetched.
 */
export function SearchPage(props: { params: URLSearchParams }) {
  const urlKey = props.params.toString();
  const applied = useMemo(() => formFromParams(props.params), [urlKey]);
  const appliedErrors = useMemo(() => validateForm(applied), [applied]);
  const [draft, setDraft] = useState<SearchForm>(applied);
  const [errors, setErrors] = useState(appliedErrors);
  useEffect(() => {
    setDraft(applied);
    setErrors(appliedErrors);
  }, [applied, appliedErrors]);

  const apiQuery = hasErrors(appliedErrors) ? undefined : apiSearchParams(applied).toString();
  const results = useAsync(apiQuery, (signal) => api.searchTraces(new URLSearchParams(apiQuery), signal));
  const traces = useMemo(() => (results.status === 'done' ? sortResults(results.data, applied.sort) : []), [results, applied.sort]);

  const run = (form: SearchForm): void => {
    const problems = validateForm(form);
    setErrors(problems);
    if (hasErrors(problems)) return;
    const url = searchUrl(form);
    if (url === `${window.location.pathname}${window.location.search}`) results.reload();
    else navigate(url);
  };
  const onSort = (sort: SortChoice): void => {
    const next = { ...draft, sort };
    setDraft(next);
    run(next);
  };

  return (
    <section className="search-page" data-testid="search-page" aria-labelledby="search-title">
      <h1 id="search-title" className="visually-hidden">
        Search traces
      </h1>
      <SearchFormView draft={draft} errors={errors} onChange={setDraft} onSubmit={() => run(draft)} onSort={onSort} />
      <div className="search-results" aria-live="polite">
        {hasErrors(appliedErrors) ? (
          <ErrorState title="This search link is not valid" message={Object.values(appliedErrors).join('. ')} hint="Fix the highlighted fields above and press Find traces." />
        ) : results.status === 'loading' || results.status === 'idle' ? (
          <Loading what="traces" />
        ) : results.status === 'failed' ? (
          <ErrorState
            title="The search failed"
            message={results.error.message}
            hint={results.error instanceof ApiError && results.error.status === 400 ? 'Skein did not accept a filter: correct it and search again.' : 'Check that Skein is running and reachable, then try again.'}
            onRetry={results.reload}
          />
        ) : traces.length === 0 ? (
          <EmptyState title="No traces match this search">
            Widen the time range, remove a filter, or check that your services send spans to Skein (OTLP on port 4318, Jaeger, Zipkin).
          </EmptyState>
        ) : (
          <>
            <ScatterPlot traces={traces} onRange={(range) => run({ ...applied, lookback: 'custom', ...range })} />
            <p className="result-count">
              {traces.length === 1 ? '1 trace' : `${traces.length} traces`}
              {traces.length >= Number(applied.limit) ? ` (the limit: raise it or narrow the search to see more)` : ''}
            </p>
            <ResultsList traces={traces} nowMs={Date.now()} />
          </>
        )}
      </div>
    </section>
  );
}
