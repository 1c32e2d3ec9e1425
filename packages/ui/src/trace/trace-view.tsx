import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildTraceTree } from './model/build-trace-tree.js';
import { computeCriticalPath, type CriticalSection } from './model/critical-path.js';
import { findInTrace } from './model/find-in-trace.js';
import { findSiblingRuns } from './model/sibling-runs.js';
import { attachPayloads } from './model/attach-payloads.js';
import type { SpanJson, TraceJson } from './model/trace-json.js';
import { INITIAL_EXPANSION, collapseAll, revealNode, rowRunId, toggleRun, toggleSpan, visibleRows, type ExpansionState, type RowRef } from './model/visible-rows.js';
import { indexRows } from './row-index.js';
import { SpanDetails } from './span-details.js';
import { TraceHeader } from './trace-header.js';
import { TraceMinimap } from './trace-minimap.js';
import { TraceStatisticsTable } from './trace-statistics-table.js';
import { TraceToolbar } from './trace-toolbar.js';
import type { TimeWindow } from './time-scale.js';
import { Waterfall } from './waterfall.js';

/**
 * The loaded trace: owns the view state (expansion, selection, find, zoom, critical path) and
 * derives everything else once per change with useMemo, so rows stay cheap to render.
 */
/**
 * The payloads of a trace painted from its outline: `loading` (coming for the whole trace),
 * `loaded` (here: attached to the tree in place), or `per-span` (too big to fetch whole: the
 * details panel fetches each span it shows, and find matches names, services and ids only).
 * A trace given with its payloads (opened from a file) needs none of this: `complete`.
 */
export type PayloadState =
  | { readonly kind: 'complete' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly spans: readonly SpanJson[] }
  | { readonly kind: 'per-span'; readonly limit: number };

const COMPLETE: PayloadState = { kind: 'complete' };

/** `stored: false` for a trace opened from a local file (nothing to download from the server). */
export function TraceView(p: { trace: TraceJson; payload?: PayloadState; selectSpanId: string | undefined; stored?: boolean }) {
  const payload = p.payload ?? COMPLETE;
  const tree = useMemo(() => buildTraceTree(p.trace.traceId, p.trace.spans), [p.trace]);
  // Bumped when payloads are attached to the tree in place, so what reads them runs again.
  const [payloadVersion, setPayloadVersion] = useState(0);
  useEffect(() => {
    if (payload.kind !== 'loaded') return;
    if (attachPayloads(tree, payload.spans) > 0) setPayloadVersion((v) => v + 1);
  }, [tree, payload]);
  const runs = useMemo(() => findSiblingRuns(tree), [tree]);
  const [expansion, setExpansion] = useState<ExpansionState>(INITIAL_EXPANSION);
  const rows = useMemo(() => visibleRows(tree, runs, expansion), [tree, runs, expansion]);
  const rowIndex = useMemo(() => indexRows(rows, tree.nodes.length, runs.runs.length), [rows, tree, runs]);

  const [selected, setSelected] = useState<RowRef | undefined>();
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [timeWindow, setTimeWindow] = useState<TimeWindow>({ start: 0, end: tree.duration });
  const [showCritical, setShowCritical] = useState(false);
  const critical = useMemo(() => {
    if (!showCritical) return undefined;
    const byNode = new Map<number, CriticalSection[]>();
    for (const s of computeCriticalPath(tree).sections) {
      const list = byNode.get(s.node);
      if (list) list.push(s);
      else byNode.set(s.node, [s]);
    }
    return byNode;
  }, [tree, showCritical]);

  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  // payloadVersion is a dependency on purpose: attributes attached in place change the matches.
  const matches = useMemo(() => findInTrace(tree, deferredQuery), [tree, deferredQuery, payloadVersion]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const [matchPos, setMatchPos] = useState(-1);
  useEffect(() => setMatchPos(-1), [matches]);

  // Scrolling waits for the rows that include the target: a reveal changes `rows` first.
  const [scrollTarget, setScrollTarget] = useState<{ index: number; seq: number; center?: boolean }>();
  const pendingScroll = useRef<RowRef | undefined>(undefined);
  useEffect(() => {
    if (pendingScroll.current === undefined) return;
    const index = rowIndex.of(pendingScroll.current);
    pendingScroll.current = undefined;
    setScrollTarget((t) => ({ index, seq: (t?.seq ?? 0) + 1, center: true }));
  }, [rowIndex]);

  const stateRef = useRef({ tree, runs, rows, rowIndex, expansion });
  stateRef.current = { tree, runs, rows, rowIndex, expansion };

  const goTo = useCallback((row: RowRef) => {
    const { tree, runs, expansion, rowIndex } = stateRef.current;
    setSelected(row);
    const revealed = row >= 0 ? revealNode(tree, runs, expansion, row) : expansion;
    if (revealed !== expansion) {
      // Scroll once the rows that include it exist (the effect on rowIndex above).
      pendingScroll.current = row;
      setExpansion(revealed);
    } else {
      setScrollTarget((t) => ({ index: rowIndex.of(row), seq: (t?.seq ?? 0) + 1, center: true }));
    }
  }, []);

  const onSelect = useCallback((row: RowRef) => {
    setSelected(row);
    setDetailsOpen(true);
  }, []);
  const onToggleSpan = useCallback((node: number) => setExpansion((e) => toggleSpan(e, node)), []);
  const onExpandRun = useCallback((runId: number) => {
    const { tree, runs } = stateRef.current;
    const run = runs.runs[runId]!;
    setExpansion((e) => toggleRun(e, runId));
    setSelected(tree.nodes[run.parent]!.children[run.from]);
  }, []);

  // `?span=` deep links select that span (and open its details) once the trace is loaded.
  useEffect(() => {
    if (!p.selectSpanId) return;
    const wanted = p.selectSpanId.toLowerCase();
    const node = tree.nodes.find((n) => n.span.spanId === wanted && n.placement !== 'shared-half') ?? tree.nodes.find((n) => n.span.spanId === wanted);
    if (!node) return;
    goTo(node.index);
    setDetailsOpen(true);
  }, [tree, p.selectSpanId, goTo]);

  const stepMatch = (delta: number) => {
    if (matches.length === 0) return;
    const next = (matchPos + delta + matches.length) % matches.length;
    setMatchPos(next);
    goTo(matches[next]!);
  };

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const { tree, runs, rows, rowIndex, expansion } = stateRef.current;
      if (rows.length === 0) return;
      const at = selected === undefined ? -1 : rowIndex.of(selected);
      const move = (index: number) => {
        const row = rows[Math.min(rows.length - 1, Math.max(0, index))]!;
        setSelected(row);
        setScrollTarget((t) => ({ index: rowIndex.of(row), seq: (t?.seq ?? 0) + 1 }));
      };
      switch (e.key) {
        case 'ArrowDown':
          move(at + 1);
          break;
        case 'ArrowUp':
          move(at < 0 ? 0 : at - 1);
          break;
        case 'Home':
          move(0);
          break;
        case 'End':
          move(rows.length - 1);
          break;
        case 'ArrowLeft': {
          if (selected === undefined) return;
          if (selected < 0) {
            move(rowIndex.of(runs.runs[rowRunId(selected)]!.parent));
          } else if (tree.nodes[selected]!.children.length > 0 && !expansion.collapsed.has(selected)) {
            setExpansion((s) => toggleSpan(s, selected));
          } else if (tree.nodes[selected]!.parent >= 0) {
            move(rowIndex.of(tree.nodes[selected]!.parent));
          }
          break;
        }
        case 'ArrowRight':
        case 'Enter': {
          if (selected === undefined) return;
          if (selected < 0) onExpandRun(rowRunId(selected));
          else if (e.key === 'Enter') setDetailsOpen(true);
          else if (expansion.collapsed.has(selected)) setExpansion((s) => toggleSpan(s, selected));
          break;
        }
        case 'Escape':
          setDetailsOpen(false);
          break;
        default:
          return;
      }
      e.preventDefault();
    },
    [selected, onExpandRun],
  );

  const detailsNode = detailsOpen && selected !== undefined && selected >= 0 ? selected : undefined;
  const currentMatch = matchPos >= 0 ? matches[matchPos] : undefined;

  return (
    <section className="trace-page" data-testid="trace-page">
      <TraceHeader tree={tree} />
      <TraceToolbar
        downloads={p.stored ?? true}
        traceId={tree.traceId}
        query={query}
        onQuery={setQuery}
        matchCount={deferredQuery.trim() ? matches.length : undefined}
        findScope={payload.kind === 'per-span' ? `Finds names, services and ids: attributes are not searched in traces over ${payload.limit.toLocaleString('en-US')} spans.` : payload.kind === 'loading' ? 'Attributes are searched once they have loaded.' : undefined}
        matchPos={matchPos}
        onNext={() => stepMatch(1)}
        onPrev={() => stepMatch(-1)}
        showCritical={showCritical}
        onToggleCritical={() => setShowCritical(!showCritical)}
        onExpandAll={() => setExpansion(INITIAL_EXPANSION)}
        onCollapseAll={() => setExpansion(collapseAll(tree))}
      />
      <TraceMinimap tree={tree} window={timeWindow} onWindowChange={setTimeWindow} />
      <div className="trace-body">
        <Waterfall
          tree={tree}
          runs={runs}
          rows={rows}
          expansion={expansion}
          selected={selected}
          matches={matchSet}
          currentMatch={currentMatch}
          critical={critical}
          window={timeWindow}
          scrollTarget={scrollTarget}
          onSelect={onSelect}
          onToggleSpan={onToggleSpan}
          onExpandRun={onExpandRun}
          onKeyDown={onKeyDown}
        />
        {detailsNode !== undefined ? <SpanDetails key={detailsNode} tree={tree} node={detailsNode} payloadVersion={payloadVersion} onClose={() => setDetailsOpen(false)} /> : null}
      </div>
      <details className="trace-stats-box">
        <summary>Trace statistics (per service and operation: count, total and self time, errors)</summary>
        <TraceStatisticsTable tree={tree} />
      </details>
    </section>
  );
}
