import type { DiffNode, TraceDiff } from './trace-diff.js';

/** How the merged tree is shown: both choices live in the URL, collapse state does not. */
export type DiffOrder = 'tree' | 'delta';

export interface DiffView {
  /** 'tree': siblings by start time, as in a waterfall; 'delta': biggest regression first. */
  readonly order: DiffOrder;
  /** Hide rows where nothing changed, keeping the ancestors of changes so each stays in context. */
  readonly onlyChanged: boolean;
  /** Ids of rows whose children are hidden. */
  readonly collapsed: ReadonlySet<number>;
}

export const DEFAULT_VIEW: DiffView = { order: 'tree', onlyChanged: false, collapsed: new Set() };

/** Biggest slowdown first (delta descending), then biggest saving last; ties keep tree order. */
const byDelta = (x: DiffNode, y: DiffNode): number => y.delta - x.delta || x.start - y.start || x.id - y.id;

/** The rows to render, in order: one iterative pre-order walk over what is open and passes the filter. */
export function diffRows(diff: TraceDiff, view: DiffView): DiffNode[] {
  const rows: DiffNode[] = [];
  const ordered = (list: readonly DiffNode[]): readonly DiffNode[] => {
    const kept = view.onlyChanged ? list.filter((n) => n.subtreeChanged) : list;
    return view.order === 'delta' ? [...kept].sort(byDelta) : kept;
  };
  const stack: DiffNode[] = [];
  const pushAll = (list: readonly DiffNode[]) => {
    const o = ordered(list);
    for (let k = o.length - 1; k >= 0; k--) stack.push(o[k]!);
  };
  pushAll(diff.roots);
  while (stack.length > 0) {
    const node = stack.pop()!;
    rows.push(node);
    if (!view.collapsed.has(node.id)) pushAll(node.children);
  }
  return rows;
}

/**
 * The delta a row adds beyond its children's deltas: when one SELECT gets 80 ms slower, every
 * ancestor waiting on it is 80 ms slower too, but only the SELECT has 80 ms of its own.
 */
export const ownDelta = (node: DiffNode): number => node.children.reduce((d, c) => d - c.delta, node.delta);

/**
 * The matched rows that got slower by the most time of their own, largest first: the summary's
 * "look here" list, naming the span that regressed rather than the ancestors that waited on it.
 */
export function largestRegressions(diff: TraceDiff, limit: number): Array<{ node: DiffNode; own: number }> {
  const found: Array<{ node: DiffNode; own: number }> = [];
  for (const node of diff.nodes) {
    if (node.kind !== 'both' || !node.changed) continue;
    const own = ownDelta(node);
    if (own > 0) found.push({ node, own });
  }
  return found.sort((x, y) => y.own - x.own || x.node.id - y.node.id).slice(0, Math.max(0, limit));
}
