import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatDuration } from '../shared/format.js';
import type { CriticalSection } from './model/critical-path.js';
import type { SiblingRuns } from './model/sibling-runs.js';
import type { TraceTree } from './model/trace-tree.js';
import { rowRunId, type ExpansionState, type RowRef } from './model/visible-rows.js';
import { RunRow } from './run-row.js';
import { ROW_HEIGHT, SpanRow } from './span-row.js';
import { ticks, type TimeWindow } from './time-scale.js';

export interface WaterfallProps {
  readonly tree: TraceTree;
  readonly runs: SiblingRuns;
  readonly rows: readonly RowRef[];
  readonly expansion: ExpansionState;
  readonly selected: RowRef | undefined;
  readonly matches: ReadonlySet<number>;
  readonly currentMatch: number | undefined;
  readonly critical: ReadonlyMap<number, CriticalSection[]> | undefined;
  readonly window: TimeWindow;
  /** Scroll this row index into view whenever `seq` changes (centred for jumps, minimal for keyboard steps). */
  readonly scrollTarget: { readonly index: number; readonly seq: number; readonly center?: boolean } | undefined;
  readonly onSelect: (row: RowRef) => void;
  readonly onToggleSpan: (node: number) => void;
  readonly onExpandRun: (runId: number) => void;
  readonly onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
}

/**
 * The virtualized waterfall: only the rows in view (plus a small overscan) are in the DOM, so a
 * 100k-span trace costs the same to scroll as a 100-span one.
 */
export function Waterfall(p: WaterfallProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });

  useEffect(() => {
    if (p.scrollTarget && p.scrollTarget.index >= 0) virtualizer.scrollToIndex(p.scrollTarget.index, { align: p.scrollTarget.center ? 'center' : 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.scrollTarget?.seq]);

  return (
    <div className="waterfall">
      <div className="wf-axis" aria-hidden="true">
        <div className="wf-label">Service and operation</div>
        <div className="wf-timeline">
          {ticks(p.window).map((t, i, all) => (
            <span key={i} className="wf-tick" style={i === all.length - 1 ? { right: 0 } : { left: `${(i / (all.length - 1)) * 100}%` }}>
              {formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="wf-scroll"
        tabIndex={0}
        role="tree"
        aria-label="Spans of the trace. Up and down move, left and right collapse and expand, Enter opens details."
        data-testid="waterfall"
        onKeyDown={p.onKeyDown}
      >
        <div className="wf-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = p.rows[item.index]!;
            if (row < 0) {
              const run = p.runs.runs[rowRunId(row)]!;
              return <RunRow key={row} run={run} top={item.start} selected={p.selected === row} window={p.window} onExpand={p.onExpandRun} />;
            }
            return (
              <SpanRow
                key={row}
                node={p.tree.nodes[row]!}
                top={item.start}
                expanded={!p.expansion.collapsed.has(row)}
                selected={p.selected === row}
                match={p.matches.has(row)}
                currentMatch={p.currentMatch === row}
                critical={p.critical?.get(row)}
                window={p.window}
                onSelect={p.onSelect}
                onToggle={p.onToggleSpan}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
