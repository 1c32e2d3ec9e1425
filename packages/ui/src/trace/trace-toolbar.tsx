export interface TraceToolbarProps {
  readonly traceId: string;
  readonly query: string;
  readonly onQuery: (q: string) => void;
  /** undefined when there is no query. */
  readonly matchCount: number | undefined;
  /** Said beside the count when find cannot search everything yet (or ever, in a huge trace). */
  readonly findScope?: string | undefined;
  readonly matchPos: number;
  readonly onNext: () => void;
  readonly onPrev: () => void;
  readonly showCritical: boolean;
  readonly onToggleCritical: () => void;
  readonly onExpandAll: () => void;
  readonly onCollapseAll: () => void;
  /** Off for a trace opened from a file: the server does not have it to download. */
  readonly downloads: boolean;
}

/** Find in trace, critical path, expand/collapse all, downloads. */
export function TraceToolbar(p: TraceToolbarProps) {
  const id = encodeURIComponent(p.traceId);
  return (
    <div className="trace-toolbar">
      <form
        className="trace-find"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          p.onNext();
        }}
      >
        <input
          type="search"
          data-testid="trace-find"
          placeholder="Find in trace (name, service, attribute)"
          aria-label="Find in trace"
          value={p.query}
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.shiftKey) {
              e.preventDefault();
              p.onPrev();
            }
          }}
        />
        <span className="trace-find-count" data-testid="find-count" aria-live="polite">
          {p.matchCount === undefined ? '' : p.matchCount === 0 ? 'no match' : `${p.matchPos >= 0 ? p.matchPos + 1 : '–'} / ${p.matchCount}`}
        </span>
        {p.findScope && p.matchCount !== undefined ? (
          <span className="trace-find-scope muted" data-testid="find-scope">
            {p.findScope}
          </span>
        ) : null}
        <button type="button" data-testid="find-prev" onClick={p.onPrev} disabled={!p.matchCount} aria-label="Previous match">
          ↑
        </button>
        <button type="button" data-testid="find-next" onClick={p.onNext} disabled={!p.matchCount} aria-label="Next match">
          ↓
        </button>
      </form>
      <button type="button" data-testid="critical-path-toggle" aria-pressed={p.showCritical} onClick={p.onToggleCritical} title="Highlight the spans that determined when the trace ended">
        {p.showCritical ? 'Hide critical path' : 'Show critical path'}
      </button>
      <button type="button" data-testid="expand-all" onClick={p.onExpandAll}>
        Expand all
      </button>
      <button type="button" data-testid="collapse-all" onClick={p.onCollapseAll}>
        Collapse all
      </button>
      {p.downloads && (
        <span className="trace-downloads">
          Download:{' '}
          <a data-testid="download-otlp" href={`/api/v3/traces/${id}`} download={`trace-${p.traceId}.otlp.json`}>
            OTLP JSON
          </a>{' '}
          <a data-testid="download-jaeger" href={`/api/traces/${id}`} download={`trace-${p.traceId}.jaeger.json`}>
            Jaeger JSON
          </a>
        </span>
      )}
    </div>
  );
}
