import { Link, traceHref } from '../app/link.js';
import { CompareCheckbox, CompareSelectedButton, useComparePicks } from '../compare/compare-select.js';
import type { TraceSummary } from '../shared/api-client.js';
import { formatAge, formatDuration, formatTimestamp, shortTraceId } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import { durationFractions } from './sort-results.js';

/** The results, one row per trace; all span data is rendered as text. */
export function ResultsList(props: { traces: readonly TraceSummary[]; nowMs: number }) {
  const fractions = durationFractions(props.traces);
  const picks = useComparePicks();
  return (
    <>
      <CompareSelectedButton picked={picks.picked} />
      <ol className="results" aria-label="Traces">
        {props.traces.map((t, i) => (
          <li key={t.traceId} className="trace-row" data-testid="trace-row" data-trace-id={t.traceId}>
            <div className="row-title">
              <Link to={traceHref(t.traceId)} className="trace-link">
                <span className="svc-swatch" style={{ background: serviceColor(t.rootServiceName) }} aria-hidden="true" />
                <span className="root-service">{t.rootServiceName}</span>
                <span className="root-sep" aria-hidden="true">
                  :
                </span>{' '}
                <span className="root-name">{t.rootName}</span>
              </Link>
              <span className="trace-id" title={t.traceId}>
                {shortTraceId(t.traceId)}
              </span>
              <CompareCheckbox traceId={t.traceId} picked={picks.picked} onToggle={picks.toggle} />
            </div>
            <div className="row-duration">
              <div className="bar" aria-hidden="true">
                <div className="bar-fill" style={{ width: `${Math.max(0.5, fractions[i]! * 100)}%` }} />
              </div>
              <span className="duration">{formatDuration(t.durationNanos)}</span>
            </div>
            <ul className="chips" aria-label="Spans per service">
              {t.services.map((s) => (
                <li key={s.name} className="chip" title={`${s.name}: ${s.spanCount} spans`}>
                  <span className="chip-dot" style={{ background: serviceColor(s.name) }} aria-hidden="true" />
                  <span className="chip-name">{s.name}</span> <span className="chip-count">{s.spanCount}</span>
                </li>
              ))}
            </ul>
            <div className="row-meta">
              <span className="span-count">{t.spanCount === 1 ? '1 span' : `${t.spanCount} spans`}</span>
              <span className={t.errorCount > 0 ? 'error-count has-errors' : 'error-count'}>{t.errorCount === 1 ? '1 error' : `${t.errorCount} errors`}</span>
              <time className="start" dateTime={new Date(Number(BigInt(t.startTimeUnixNano) / 1_000_000n)).toISOString()} title={formatTimestamp(t.startTimeUnixNano)}>
                {formatTimestamp(t.startTimeUnixNano)} <span className="age">({formatAge(t.startTimeUnixNano, props.nowMs)})</span>
              </time>
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
