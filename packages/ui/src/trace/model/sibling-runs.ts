import type { TraceTree } from './trace-tree.js';

/** A run of consecutive siblings with the same service and name, shown as one row until expanded. */
export interface SiblingRun {
  readonly id: number;
  readonly parent: number;
  /** Position of the first sibling in the parent's children list. */
  readonly from: number;
  readonly count: number;
  readonly serviceName: string;
  readonly name: string;
  readonly depth: number;
  /** Time covered by the run (first start to last end, ns since trace start). */
  readonly start: number;
  readonly end: number;
  readonly errorCount: number;
}

export interface SiblingRuns {
  readonly runs: readonly SiblingRun[];
  /** For each node, the run it belongs to, or -1. */
  readonly runOf: Int32Array;
  /** For each parent with runs, its runs in order (looked up while flattening). */
  readonly runsByParent: ReadonlyMap<number, readonly SiblingRun[]>;
}

export const DEFAULT_MIN_RUN = 5;

/** Finds every run of at least `minRun` repeated siblings in one O(n) pass over the children lists. */
export function findSiblingRuns(tree: TraceTree, minRun = DEFAULT_MIN_RUN): SiblingRuns {
  const runs: SiblingRun[] = [];
  const runOf = new Int32Array(tree.nodes.length).fill(-1);
  const runsByParent = new Map<number, SiblingRun[]>();
  const consider = (parent: number, children: readonly number[], from: number, to: number) => {
    if (to - from < minRun) return;
    let start = Infinity;
    let end = -Infinity;
    let errorCount = 0;
    for (let k = from; k < to; k++) {
      const node = tree.nodes[children[k]!]!;
      if (node.start < start) start = node.start;
      if (node.end > end) end = node.end;
      if (node.isError) errorCount++;
      runOf[node.index] = runs.length;
    }
    const first = tree.nodes[children[from]!]!;
    const run: SiblingRun = { id: runs.length, parent, from, count: to - from, serviceName: first.span.serviceName, name: first.span.name, depth: first.depth, start, end, errorCount };
    runs.push(run);
    const list = runsByParent.get(parent);
    if (list) list.push(run);
    else runsByParent.set(parent, [run]);
  };
  for (const node of tree.nodes) {
    const ch = node.children;
    if (ch.length < minRun) continue;
    let from = 0;
    for (let k = 1; k <= ch.length; k++) {
      const a = tree.nodes[ch[from]!]!.span;
      const b = k < ch.length ? tree.nodes[ch[k]!]!.span : undefined;
      if (b && b.name === a.name && b.serviceName === a.serviceName) continue;
      consider(node.index, ch, from, k);
      from = k;
    }
  }
  return { runs, runOf, runsByParent };
}
