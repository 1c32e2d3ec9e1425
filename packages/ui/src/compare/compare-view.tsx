import { useCallback, useMemo, useState } from 'react';
import { formatDuration } from '../shared/format.js';
import { buildTraceTree } from '../trace/model/build-trace-tree.js';
import type { TraceJson } from '../trace/model/trace-json.js';
import { DiffTree } from './diff-tree.js';
import type { CompareParams } from './model/compare-params.js';
import { diffRows, largestRegressions } from './model/diff-rows.js';
import { formatDelta } from './model/format-delta.js';
import { diffTraces, type TraceDiff } from './model/trace-diff.js';
import { TraceSide } from './trace-side.js';

/** Both traces loaded: their headers side by side, the summary, the view options and the merged tree. */
export function CompareView(props: { a: TraceJson; b: TraceJson; params: CompareParams; onView: (next: Partial<CompareParams>) => void }) {
  const { params } = props;
  const treeA = useMemo(() => buildTraceTree(props.a.traceId, props.a.spans), [props.a]);
  const treeB = useMemo(() => buildTraceTree(props.b.traceId, props.b.spans), [props.b]);
  const diff = useMemo(() => diffTraces(treeA, treeB), [treeA, treeB]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const rows = useMemo(() => diffRows(diff, { order: params.order, onlyChanged: params.onlyChanged, collapsed }), [diff, params.order, params.onlyChanged, collapsed]);
  const toggle = useCallback(
    (id: number) =>
      setCollapsed((old) => {
        const next = new Set(old);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  return (
    <>
      <div className="compare-sides">
        <TraceSide side="A" tree={treeA} />
        <TraceSide side="B" tree={treeB} />
      </div>
      <DiffSummary diff={diff} durationA={treeA.duration} durationB={treeB.duration} />
      <div className="compare-toolbar" role="group" aria-label="View">
        <label>
          Order{' '}
          <select name="order" value={params.order} onChange={(e) => props.onView({ order: e.target.value === 'delta' ? 'delta' : 'tree' })}>
            <option value="tree">as in the trace</option>
            <option value="delta">largest delta first</option>
          </select>
        </label>
        <label>
          <input type="checkbox" name="changed" checked={params.onlyChanged} onChange={(e) => props.onView({ onlyChanged: e.target.checked })} /> Only changed
        </label>
        <span className="compare-legend">
          <span className="legend-swatch diff-only-a" /> only in A <span className="legend-swatch diff-only-b" /> only in B
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="compare-nothing" data-testid="empty-state">
          {params.onlyChanged ? 'Nothing changed beyond the threshold (10 % and 1 µs): the two traces have the same shape and timings.' : 'Both traces are empty.'}
        </p>
      ) : (
        <DiffTree rows={rows} collapsed={collapsed} onToggle={toggle} traceIdA={treeA.traceId} traceIdB={treeB.traceId} maxDelta={rows.reduce((m, r) => Math.max(m, Math.abs(r.delta)), 1)} />
      )}
    </>
  );
}

function DiffSummary(props: { diff: TraceDiff; durationA: number; durationB: number }) {
  const { counts } = props.diff;
  const total = props.durationB - props.durationA;
  const top = largestRegressions(props.diff, 3);
  return (
    <div className="diff-summary" data-testid="diff-summary">
      <p className="diff-counts">
        <span className="diff-count" data-count="both">
          <strong>{counts.both}</strong> matched
        </span>
        <span className="diff-count" data-count="changed">
          <strong>{counts.changed}</strong> changed
        </span>
        <span className="diff-count diff-only-a" data-count="only-a">
          <strong>{counts.onlyA}</strong> only in A
        </span>
        <span className="diff-count diff-only-b" data-count="only-b">
          <strong>{counts.onlyB}</strong> only in B
        </span>
        <span className="diff-count" data-count="duration">
          duration {formatDuration(props.durationA)} → {formatDuration(props.durationB)}{' '}
          <span className={total > 0 ? 'delta-slower' : total < 0 ? 'delta-faster' : undefined}>{formatDelta(total, props.durationA > 0 ? total / props.durationA : undefined)}</span>
        </span>
      </p>
      {top.length > 0 ? (
        <p className="diff-regressions">
          Slower in B:{' '}
          {top.map(({ node, own }, i) => (
            <span key={node.id} className="diff-regression">
              {i > 0 ? ', ' : ''}
              <span className="diff-regression-name">
                {node.serviceName}: {node.name}
              </span>{' '}
              <span className="delta-slower">+{formatDuration(own)}</span>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
