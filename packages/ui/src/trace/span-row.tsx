import { memo } from 'react';
import { formatDuration } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import type { CriticalSection } from './model/critical-path.js';
import type { TraceNode } from './model/trace-tree.js';
import { barPosition, type TimeWindow } from './time-scale.js';

export const ROW_HEIGHT = 26;
/** Indentation stops growing here so a 20,000-deep chain stays readable; deeper rows show their depth. */
const MAX_INDENT_LEVELS = 24;
const INDENT_PX = 14;

export interface SpanRowProps {
  readonly node: TraceNode;
  readonly top: number;
  readonly expanded: boolean;
  readonly selected: boolean;
  readonly match: boolean;
  readonly currentMatch: boolean;
  readonly critical: readonly CriticalSection[] | undefined;
  readonly window: TimeWindow;
  readonly onSelect: (row: number) => void;
  readonly onToggle: (row: number) => void;
}

const KIND_LABEL: Record<string, string> = { server: 'server', client: 'client', producer: 'producer', consumer: 'consumer', internal: 'internal' };

/**
 * One span in the waterfall. Memoized with stable callbacks: scrolling re-renders only the rows
 * entering the window, and a selection change only the two rows involved.
 */
export const SpanRow = memo(function SpanRow(p: SpanRowProps) {
  const { node } = p;
  const { span } = node;
  const color = serviceColor(span.serviceName);
  const hasChildren = node.children.length > 0;
  const bar = barPosition(p.window, node.start, node.end);
  const indent = Math.min(node.depth, MAX_INDENT_LEVELS) * INDENT_PX;
  return (
    <div
      className={`wf-row${p.selected ? ' is-selected' : ''}${p.currentMatch ? ' is-current-match' : ''}`}
      style={{ transform: `translateY(${p.top}px)` }}
      data-testid="span-row"
      data-span-id={span.spanId}
      data-depth={node.depth}
      data-match={p.match ? 'true' : undefined}
      data-critical={p.critical ? 'true' : undefined}
      data-error={node.isError ? 'true' : undefined}
      role="treeitem"
      aria-selected={p.selected}
      aria-level={node.depth + 1}
      aria-expanded={hasChildren ? p.expanded : undefined}
      onClick={() => p.onSelect(node.index)}
    >
      <div className="wf-label" style={{ paddingLeft: indent }}>
        {node.depth > MAX_INDENT_LEVELS ? <span className="wf-deep" title={`depth ${node.depth}`}>{node.depth}</span> : null}
        {hasChildren ? (
          <button
            type="button"
            className="wf-toggle"
            data-testid="span-toggle"
            aria-expanded={p.expanded}
            aria-label={p.expanded ? 'Collapse' : 'Expand'}
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(node.index);
            }}
          >
            {p.expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="wf-toggle-space" />
        )}
        <span className="wf-service-dot" style={{ background: color }} />
        <span className="wf-service">{span.serviceName}</span>
        <span className="wf-name">{span.name}</span>
        <span className={`wf-kind kind-${KIND_LABEL[span.kind] ?? 'other'}`} title={`span kind: ${span.kind}`}>
          {span.kind}
        </span>
        {node.isError ? (
          <span className="wf-error" title={span.status.message ? `error: ${span.status.message}` : 'error'}>
            error
          </span>
        ) : null}
        {node.skew ? (
          <span className="wf-skew" data-testid="skew-marker" title={node.skew} aria-label={node.skew}>
            ⚠ skew
          </span>
        ) : null}
        {node.placement === 'orphan' || node.placement === 'cycle' ? (
          <span className="wf-orphan" title={node.placement === 'orphan' ? `Parent ${span.parentSpanId || '(none)'} is not in this trace; shown under the root.` : 'Its parent chain loops back on itself; shown under the root.'}>
            {node.placement}
          </span>
        ) : null}
        {node.children.length > 0 && !p.expanded ? <span className="wf-hidden-count">+{node.children.length}</span> : null}
      </div>
      <div className="wf-timeline">
        <div
          className={`wf-bar${node.isError ? ' is-error' : ''}`}
          style={{ left: `${bar.left}%`, width: `${bar.width}%`, background: color }}
        >
          {p.critical?.map((s, i) => {
            const part = barPosition(p.window, s.start, s.end);
            // Critical sections are drawn relative to the bar, which is itself positioned in the window.
            const rel = bar.width > 0 ? { left: `${((part.left - bar.left) / bar.width) * 100}%`, width: `${(part.width / bar.width) * 100}%` } : { left: '0', width: '100%' };
            return <span key={i} className="wf-critical" style={rel} />;
          })}
        </div>
        <DurationLabel left={bar.left} width={bar.width} text={formatDuration(node.duration)} />
      </div>
    </div>
  );
});

/**
 * The duration beside its bar; when the bar is outside the zoomed window, at the edge it lies
 * beyond, with an arrow, so the label never sits over time the span did not cover.
 */
export function DurationLabel(p: { left: number; width: number; text: string }) {
  if (p.left + p.width < 0) return <span className="wf-duration is-outside" style={{ left: 0, marginLeft: 4 }}>◂ {p.text}</span>;
  if (p.left > 100) return <span className="wf-duration is-outside" style={{ right: 0, marginRight: 4 }}>{p.text} ▸</span>;
  if (p.left + p.width > 80) return <span className="wf-duration" style={{ right: `${Math.max(0, 100 - p.left)}%`, marginRight: 4 }}>{p.text}</span>;
  return <span className="wf-duration" style={{ left: `${Math.max(0, p.left + p.width)}%`, marginLeft: 4 }}>{p.text}</span>;
}
