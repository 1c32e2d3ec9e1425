import { memo } from 'react';
import { formatDuration } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import type { SiblingRun } from './model/sibling-runs.js';
import { barPosition, type TimeWindow } from './time-scale.js';
import { DurationLabel, ROW_HEIGHT } from './span-row.js';

/** A collapsed run of repeated siblings ("342 × SELECT users"): clicking expands it. */
export const RunRow = memo(function RunRow(p: {
  run: SiblingRun;
  top: number;
  selected: boolean;
  window: TimeWindow;
  onExpand: (runId: number) => void;
}) {
  const { run } = p;
  const color = serviceColor(run.serviceName);
  const bar = barPosition(p.window, run.start, run.end);
  return (
    <div
      className={`wf-row wf-run${p.selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${p.top}px)`, height: ROW_HEIGHT }}
      data-testid="sibling-run"
      data-depth={run.depth}
      data-error={run.errorCount > 0 ? 'true' : undefined}
      role="treeitem"
      aria-selected={p.selected}
      aria-expanded={false}
      aria-level={run.depth + 1}
      title={`${run.count} consecutive ${run.serviceName} spans named "${run.name}": click to show them`}
      onClick={() => p.onExpand(run.id)}
    >
      <div className="wf-label" style={{ paddingLeft: Math.min(run.depth, 24) * 14 }}>
        <span className="wf-toggle">▸</span>
        <span className="wf-service-dot" style={{ background: color }} />
        <span className="wf-service">{run.serviceName}</span>
        <span className="wf-name wf-run-label">
          {run.count} × {run.name}
        </span>
        {run.errorCount > 0 ? <span className="wf-error">{run.errorCount} errors</span> : null}
      </div>
      <div className="wf-timeline">
        <div className="wf-bar wf-run-bar" style={{ left: `${bar.left}%`, width: `${bar.width}%`, borderColor: color }} />
        <DurationLabel left={bar.left} width={bar.width} text={formatDuration(run.end - run.start)} />
      </div>
    </div>
  );
});
