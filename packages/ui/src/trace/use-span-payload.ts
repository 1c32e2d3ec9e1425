import { useEffect, useState } from 'react';
import { loadSpanPayload } from './load-trace.js';
import type { SpanJson } from './model/trace-json.js';

export type SpanPayload = { readonly kind: 'ready'; readonly span: SpanJson } | { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly message: string };

/**
 * The span with its payload. A span that came with one is ready at once; an outline span's
 * payload is fetched by id (the matching half, for a Zipkin shared span).
 */
export function useSpanPayload(traceId: string, span: SpanJson): SpanPayload {
  const [fetched, setFetched] = useState<SpanPayload>({ kind: 'loading' });
  const needed = span.outline === true;
  useEffect(() => {
    if (!needed) return;
    const abort = new AbortController();
    setFetched({ kind: 'loading' });
    loadSpanPayload(traceId, span.spanId, abort.signal).then(
      (spans) => {
        const full = spans.find((s) => s.shared === span.shared) ?? spans[0];
        setFetched(full ? { kind: 'ready', span: full } : { kind: 'failed', message: 'the span is no longer stored' });
      },
      (e: Error) => {
        if (e.name !== 'AbortError') setFetched({ kind: 'failed', message: e.message });
      },
    );
    return () => abort.abort();
  }, [traceId, span.spanId, span.shared, needed]);
  return needed ? fetched : { kind: 'ready', span };
}
