import { useMemo, useState } from 'react';
import { formatDuration } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import { computeStatistics, type StatisticsRow } from './model/trace-statistics.js';
import type { TraceTree } from './model/trace-tree.js';

/** Rows shown at once: a trace with thousands of distinct operations stays a readable page. */
const MAX_ROWS = 300;

/** Per-service and per-operation statistics; computed only when the section is opened. */
export function TraceStatisticsTable(p: { tree: TraceTree }) {
  const [by, setBy] = useState<'services' | 'operations'>('services');
  const stats = useMemo(() => computeStatistics(p.tree), [p.tree]);
  const rows: readonly StatisticsRow[] = by === 'services' ? stats.services : stats.operations;
  return (
    <div className="trace-stats" data-testid="trace-stats">
      <div className="trace-stats-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={by === 'services'} onClick={() => setBy('services')}>
          By service
        </button>
        <button type="button" role="tab" aria-selected={by === 'operations'} onClick={() => setBy('operations')}>
          By operation
        </button>
      </div>
      <table className="stats-table">
        <thead>
          <tr>
            <th scope="col">Service</th>
            {by === 'operations' ? <th scope="col">Operation</th> : null}
            <th scope="col">Spans</th>
            <th scope="col">Total time</th>
            <th scope="col" title="Time not covered by any child span">Self time</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((r) => (
            <tr key={`${r.serviceName}\u0000${r.name}`}>
              <td>
                <span className="wf-service-dot" style={{ background: serviceColor(r.serviceName) }} />
                {r.serviceName}
              </td>
              {by === 'operations' ? <td>{r.name}</td> : null}
              <td className="num">{r.count}</td>
              <td className="num">{formatDuration(r.totalTime)}</td>
              <td className="num">{formatDuration(r.selfTime)}</td>
              <td className={`num${r.errors > 0 ? ' error-text' : ''}`}>{r.errors}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS ? <p className="muted">Showing the {MAX_ROWS} with the most total time of {rows.length}.</p> : null}
    </div>
  );
}
