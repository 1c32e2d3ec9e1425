import type { TraceTree } from './trace-tree.js';

/** A stretch of time during which one span (not any of its children) held up the trace. */
export interface CriticalSection {
  readonly node: number;
  readonly start: number;
  readonly end: number;
}

export interface CriticalPath {
  /** Sections from the end of the trace backwards, as jaeger-ui lists them. */
  readonly sections: readonly CriticalSection[];
  /** Nodes with at least one section. */
  readonly nodes: ReadonlySet<number>;
}

/**
 * The critical path, following jaeger-ui's CriticalPath algorithm (packages/jaeger-ui/src/components/
 * TracePage/CriticalPath): start at the root's end; repeatedly step into the child that finished
 * last before the current point ("last finishing child"), and when a span has no such child,
 * its own time back to its start is critical and the walk returns to its parent at that start.
 *
 * As jaeger-ui does first (sanitizeOverFlowingChildren), each child's interval is clipped to its
 * parent's, and children entirely outside their parent are dropped with their subtrees. Spans
 * placed under the root only because their parent is missing (orphans, cut cycles) are not
 * children that the root waited for, so they are left out.
 *
 * Iterative with a cursor per span into its children sorted by end time (latest first): the
 * threshold only moves earlier for a given parent, so the cursor never goes back and the whole
 * walk is O(n log n) even for a root with 100k children (jaeger-ui's `find` rescans).
 */
export function computeCriticalPath(tree: TraceTree): CriticalPath {
  const sections: CriticalSection[] = [];
  const onPath = new Set<number>();
  const root = tree.roots[0];
  if (root === undefined) return { sections, nodes: onPath };

  const n = tree.nodes.length;
  const cs = new Float64Array(n);
  const ce = new Float64Array(n);
  const kept = new Uint8Array(n);
  const byEnd: number[][] = new Array(n);
  const cursor = new Int32Array(n);
  const rootNode = tree.nodes[root]!;
  cs[root] = rootNode.start;
  ce[root] = rootNode.end;
  kept[root] = 1;
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop()!;
    const list: number[] = [];
    for (const c of tree.nodes[p]!.children) {
      const child = tree.nodes[c]!;
      if (child.placement === 'orphan' || child.placement === 'cycle') continue;
      if (child.start > ce[p]! || child.end < cs[p]!) continue; // wholly outside its parent
      cs[c] = Math.max(child.start, cs[p]!);
      ce[c] = Math.min(child.end, ce[p]!);
      kept[c] = 1;
      list.push(c);
      stack.push(c);
    }
    list.sort((a, b) => ce[b]! - ce[a]! || a - b);
    byEnd[p] = list;
  }

  let current = root;
  let until: number | undefined; // the start of the child we returned from, if any
  for (;;) {
    const children = byEnd[current] ?? [];
    let k = cursor[current]!;
    // Strictly before: the child we came back from (and any that overlap it) is passed over.
    if (until !== undefined) while (k < children.length && ce[children[k]!]! >= until) k++;
    const lastFinishing = k < children.length ? children[k]! : -1;
    cursor[current] = lastFinishing >= 0 ? k + 1 : k;
    const end = until ?? ce[current]!;
    if (lastFinishing >= 0) {
      const start = ce[lastFinishing]!;
      if (start !== end) push(sections, onPath, current, start, end);
      current = lastFinishing;
      until = undefined;
    } else {
      const start = cs[current]!;
      if (start !== end) push(sections, onPath, current, start, end);
      const parent = tree.nodes[current]!.parent;
      if (current === root || parent < 0 || !kept[parent]) break;
      until = cs[current]!;
      current = parent;
    }
  }
  return { sections, nodes: onPath };
}

function push(sections: CriticalSection[], onPath: Set<number>, node: number, start: number, end: number) {
  sections.push({ node, start, end });
  onPath.add(node);
}
