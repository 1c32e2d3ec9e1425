import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { DIFF_ROW_HEIGHT, DiffRow } from './diff-row.js';
import type { DiffNode } from './model/trace-diff.js';

/**
 * The merged tree, virtualized like the waterfall: only rows in view are in the DOM, so the diff
 * of two 100k-span traces scrolls as smoothly as that of two small ones.
 */
export function DiffTree(props: {
  rows: readonly DiffNode[];
  collapsed: ReadonlySet<number>;
  onToggle: (id: number) => void;
  traceIdA: string;
  traceIdB: string;
  maxDelta: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: props.rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => DIFF_ROW_HEIGHT, overscan: 15 });
  return (
    <div className="diff-tree" role="tree" aria-label="Merged span tree">
      <div className="diff-head" aria-hidden="true">
        <span className="diff-label">Service and operation</span>
        <span className="diff-dur">A</span>
        <span className="diff-dur">B</span>
        <span className="diff-delta">B − A</span>
        <span className="diff-links">Open</span>
      </div>
      <div className="diff-scroll" ref={scrollRef}>
        <div className="diff-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const node = props.rows[item.index]!;
            return (
              <DiffRow
                key={node.id}
                node={node}
                top={item.start}
                expanded={!props.collapsed.has(node.id)}
                onToggle={props.onToggle}
                traceIdA={props.traceIdA}
                traceIdB={props.traceIdB}
                maxDelta={props.maxDelta}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
