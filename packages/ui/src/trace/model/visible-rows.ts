import type { SiblingRuns } from './sibling-runs.js';
import type { TraceTree } from './trace-tree.js';

/**
 * What is open in the waterfall. Everything starts expanded except runs of repeated siblings,
 * so the sets hold the exceptions: collapsed spans and expanded runs.
 */
export interface ExpansionState {
  readonly collapsed: ReadonlySet<number>;
  readonly expandedRuns: ReadonlySet<number>;
}

export const INITIAL_EXPANSION: ExpansionState = { collapsed: new Set(), expandedRuns: new Set() };

/**
 * A visible row, encoded as one number so 100k rows cost one array: a span row is its node
 * index (≥ 0); a collapsed run row is `-(runId + 1)`.
 */
export type RowRef = number;
export const runRow = (runId: number): RowRef => -(runId + 1);
export const rowRunId = (row: RowRef): number => -row - 1;
export const isRunRow = (row: RowRef): boolean => row < 0;

/** The rows to show, in order, for the given state: one iterative walk, O(visible rows). */
export function visibleRows(tree: TraceTree, runs: SiblingRuns, state: ExpansionState): RowRef[] {
  const rows: RowRef[] = [];
  // The stack holds rows still to emit, pushed in reverse so they pop in order.
  const stack: RowRef[] = [];
  const pushChildren = (parent: number) => {
    const ch = tree.nodes[parent]!.children;
    const parentRuns = runs.runsByParent.get(parent);
    let k = ch.length - 1;
    let r = parentRuns ? parentRuns.length - 1 : -1;
    while (k >= 0) {
      while (r >= 0 && parentRuns![r]!.from > k) r--;
      const run = r >= 0 ? parentRuns![r]! : undefined;
      // Walking backwards, a collapsed run is met at its last member: emit one row for all of it.
      if (run && k < run.from + run.count && !state.expandedRuns.has(run.id)) {
        stack.push(runRow(run.id));
        k = run.from - 1;
        r--;
        continue;
      }
      stack.push(ch[k]!);
      k--;
    }
  };
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push(tree.roots[i]!);
  while (stack.length > 0) {
    const row = stack.pop()!;
    rows.push(row);
    if (row >= 0 && !state.collapsed.has(row)) pushChildren(row);
  }
  return rows;
}

export function toggleSpan(state: ExpansionState, node: number): ExpansionState {
  const collapsed = new Set(state.collapsed);
  if (!collapsed.delete(node)) collapsed.add(node);
  return { ...state, collapsed };
}

export function toggleRun(state: ExpansionState, runId: number): ExpansionState {
  const expandedRuns = new Set(state.expandedRuns);
  if (!expandedRuns.delete(runId)) expandedRuns.add(runId);
  return { ...state, expandedRuns };
}

/** Opens every collapsed ancestor and run above `node` so that it gets a row of its own. */
export function revealNode(tree: TraceTree, runs: SiblingRuns, state: ExpansionState, node: number): ExpansionState {
  let collapsed: Set<number> | undefined;
  let expandedRuns: Set<number> | undefined;
  for (let i = node; i >= 0; i = tree.nodes[i]!.parent) {
    const run = runs.runOf[i]!;
    if (run >= 0 && !state.expandedRuns.has(run)) (expandedRuns ??= new Set(state.expandedRuns)).add(run);
    const p = tree.nodes[i]!.parent;
    if (p >= 0 && state.collapsed.has(p)) (collapsed ??= new Set(state.collapsed)).delete(p);
  }
  if (!collapsed && !expandedRuns) return state;
  return { collapsed: collapsed ?? state.collapsed, expandedRuns: expandedRuns ?? state.expandedRuns };
}

/** Collapses or expands every span that has children (the "collapse all" / "expand all" buttons). */
export function collapseAll(tree: TraceTree): ExpansionState {
  const collapsed = new Set<number>();
  for (const node of tree.nodes) if (node.children.length > 0) collapsed.add(node.index);
  return { collapsed, expandedRuns: new Set() };
}
