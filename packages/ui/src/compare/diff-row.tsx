import { memo } from 'react';
import { Link, traceHref } from '../app/link.js';
import { formatDuration } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import { formatDelta } from './model/format-delta.js';
import type { DiffNode } from './model/trace-diff.js';

export const DIFF_ROW_HEIGHT = 28;
/** As in the waterfall: indentation stops growing so very deep trees stay readable. */
const MAX_INDENT_LEVELS = 24;
const INDENT_PX = 14;

const spanHref = (traceId: string, spanId: string) => `${traceHref(traceId)}?span=${encodeURIComponent(spanId)}`;

/** The duration of one side: "684ms", "342 × 684ms" for a group, "—" when absent there. */
function sideText(count: number, duration: number, group: boolean): string {
  if (count === 0) return '—';
  return group ? `${count} × ${formatDuration(duration)}` : formatDuration(duration);
}

/** One row of the merged tree. All span data is rendered as text. */
export const DiffRow = memo(function DiffRow(p: {
  node: DiffNode;
  top: number;
  expanded: boolean;
  onToggle: (id: number) => void;
  traceIdA: string;
  traceIdB: string;
  maxDelta: number;
}) {
  const { node } = p;
  const hasChildren = node.children.length > 0;
  // Only a change past the threshold is coloured: a 1 % wobble must not look like a regression.
  const direction = node.kind !== 'both' ? '' : !node.changed || node.delta === 0 ? 'same' : node.delta > 0 ? 'slower' : 'faster';
  const barWidth = node.kind === 'both' && node.changed ? Math.max(2, (Math.abs(node.delta) / p.maxDelta) * 100) : 0;
  return (
    <div
      className={`diff-row diff-${node.kind}${node.changed ? ' is-changed' : ''}`}
      style={{ transform: `translateY(${p.top}px)` }}
      data-testid="diff-row"
      data-diff={node.kind}
      data-changed={node.changed ? 'true' : undefined}
      data-group={node.group ? 'true' : undefined}
      data-depth={node.depth}
      role="treeitem"
      aria-level={node.depth + 1}
      aria-expanded={hasChildren ? p.expanded : undefined}
    >
      <span className="diff-label" style={{ paddingLeft: Math.min(node.depth, MAX_INDENT_LEVELS) * INDENT_PX }}>
        {hasChildren ? (
          <button type="button" className="diff-toggle" aria-expanded={p.expanded} aria-label={p.expanded ? 'Collapse' : 'Expand'} onClick={() => p.onToggle(node.id)}>
            {p.expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="diff-toggle-space" />
        )}
        <span className="diff-service-dot" style={{ background: serviceColor(node.serviceName) }} aria-hidden="true" />
        <span className="diff-service">{node.serviceName}</span>
        <span className="diff-name" title={`${node.serviceName}: ${node.name}`}>
          {node.name}
        </span>
        {node.kind !== 'both' ? <span className="diff-badge">{node.kind === 'only-a' ? 'only in A' : 'only in B'}</span> : null}
        {node.group && node.kind === 'both' && node.countA !== node.countB ? <span className="diff-badge">{node.countB - node.countA > 0 ? '+' : '−'}{Math.abs(node.countB - node.countA)} spans</span> : null}
        {node.errorsA + node.errorsB > 0 ? (
          <span className="diff-errors" title="errors in A / in B">
            errors {node.errorsA}/{node.errorsB}
          </span>
        ) : null}
      </span>
      <span className="diff-dur" data-testid="diff-a">
        {sideText(node.countA, node.durationA, node.group)}
      </span>
      <span className="diff-dur" data-testid="diff-b">
        {sideText(node.countB, node.durationB, node.group)}
      </span>
      <span className={`diff-delta${direction ? ` delta-${direction}` : ''}`} data-testid="diff-delta">
        {node.kind === 'both' ? (
          <>
            <span className="delta-bar" style={{ width: `${barWidth}%` }} aria-hidden="true" />
            <span className="delta-text">{formatDelta(node.delta, node.deltaRatio)}</span>
          </>
        ) : (
          <span className="delta-text">{node.kind === 'only-a' ? 'removed' : 'added'}</span>
        )}
      </span>
      <span className="diff-links">
        {node.spanIdA ? (
          <Link to={spanHref(p.traceIdA, node.spanIdA)} title="Open this span in trace A">
            A
          </Link>
        ) : null}
        {node.spanIdB ? (
          <Link to={spanHref(p.traceIdB, node.spanIdB)} title="Open this span in trace B">
            B
          </Link>
        ) : null}
      </span>
    </div>
  );
});
