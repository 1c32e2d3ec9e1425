import type { SpanJson } from './trace-json.js';
import type { Placement, TraceNode, TraceTree } from './trace-tree.js';
import { describeSkew } from './clock-skew.js';

const toBigInt = (s: string): bigint => {
  try {
    return BigInt(s);
  } catch {
    return 0n;
  }
};

/**
 * Builds the span tree in O(n log n) (the log is only the sort of each child list): one map from
 * span id to index, one pass to pick each span's parent, children lists filled once, and an
 * iterative walk (a 100k-deep chain must not overflow the stack).
 */
export function buildTraceTree(traceId: string, spans: readonly SpanJson[]): TraceTree {
  const n = spans.length;
  const starts: bigint[] = new Array(n);
  const ends: bigint[] = new Array(n);
  let minStart = n > 0 ? toBigInt(spans[0]!.startTimeUnixNano) : 0n;
  let maxEnd = minStart;
  for (let i = 0; i < n; i++) {
    const s = toBigInt(spans[i]!.startTimeUnixNano);
    let e = toBigInt(spans[i]!.endTimeUnixNano);
    if (e < s) e = s; // a negative duration is shown as zero wide, never as a bar going backwards
    starts[i] = s;
    ends[i] = e;
    if (s < minStart) minStart = s;
    if (e > maxEnd) maxEnd = e;
  }

  const nodes: TraceNode[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    const start = Number(starts[i]! - minStart);
    const end = Number(ends[i]! - minStart);
    nodes[i] = { index: i, span, start, end, duration: end - start, isError: span.status.code === 'error', parent: -1, children: [], depth: 0, placement: 'root', skew: undefined };
  }

  // The owner of an id is its first non-shared span; a Zipkin shared server half reuses the id.
  // Children naming that id belong to the server half when there is one (the work it did).
  const owner = new Map<string, number>();
  const childTarget = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const { spanId, shared } = spans[i]!;
    const o = owner.get(spanId);
    if (o === undefined) owner.set(spanId, i);
    else if (spans[o]!.shared && !shared) owner.set(spanId, i);
  }
  for (let i = 0; i < n; i++) {
    const { spanId } = spans[i]!;
    const o = owner.get(spanId)!;
    if (o !== i && !childTarget.has(spanId)) childTarget.set(spanId, i);
  }

  const rootCandidates: number[] = [];
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    const { spanId, parentSpanId } = node.span;
    const o = owner.get(spanId)!;
    if (o !== i) {
      node.parent = o;
      node.placement = 'shared-half';
    } else if (parentSpanId === '') {
      rootCandidates.push(i);
    } else {
      const p = childTarget.get(parentSpanId) ?? owner.get(parentSpanId);
      if (p === undefined || p === i) orphans.push(i);
      else {
        node.parent = p;
        node.placement = 'child';
      }
    }
  }
  const byStart = (a: number, b: number) => nodes[a]!.start - nodes[b]!.start || a - b;
  rootCandidates.sort(byStart);
  orphans.sort(byStart);
  // Without a true root, the earliest orphan stands in for it (as the search summary does).
  const roots = rootCandidates.length > 0 ? rootCandidates : orphans.splice(0, 1);
  const primary = roots.length > 0 ? roots[0]! : -1;
  for (const i of orphans) {
    nodes[i]!.parent = primary;
    nodes[i]!.placement = 'orphan';
  }
  if (primary >= 0 && rootCandidates.length === 0) nodes[primary]!.placement = 'orphan';

  for (let i = 0; i < n; i++) {
    const p = nodes[i]!.parent;
    if (p >= 0) nodes[p]!.children.push(i);
  }
  for (const node of nodes) if (node.children.length > 1) node.children.sort(byStart);

  // Spans whose parent chain loops are not reachable from any root: cut each loop where it
  // is first met and hang it under the primary root.
  const visited = new Uint8Array(n);
  const walk = (from: number) => {
    const stack = [from];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      for (const c of nodes[i]!.children) stack.push(c);
    }
  };
  for (const r of roots) walk(r);
  let cut = false;
  for (let i = 0; i < n; i++) {
    if (visited[i]) continue;
    const node = nodes[i]!;
    const old = nodes[node.parent]!;
    old.children = old.children.filter((c) => c !== i);
    if (primary >= 0 && primary !== i) {
      node.parent = primary;
      nodes[primary]!.children.push(i);
    } else {
      node.parent = -1;
      roots.push(i);
    }
    node.placement = 'cycle';
    cut = true;
    walk(i);
  }
  if (cut && primary >= 0) nodes[primary]!.children.sort(byStart);

  // Depth, display order, and skew, in one iterative pre-order walk.
  const preorder: number[] = [];
  let maxDepth = 0;
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]!);
  while (stack.length > 0) {
    const i = stack.pop()!;
    const node = nodes[i]!;
    node.depth = node.parent >= 0 ? nodes[node.parent]!.depth + 1 : 0;
    if (node.depth + 1 > maxDepth) maxDepth = node.depth + 1;
    if (node.placement === 'child' || node.placement === 'shared-half') node.skew = describeSkew(nodes[node.parent]!, node);
    preorder.push(i);
    const ch = node.children;
    for (let c = ch.length - 1; c >= 0; c--) stack.push(ch[c]!);
  }

  let errorCount = 0;
  const perService = new Map<string, number>();
  for (const node of nodes) {
    if (node.isError) errorCount++;
    perService.set(node.span.serviceName, (perService.get(node.span.serviceName) ?? 0) + 1);
  }
  const services = [...perService].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([s]) => s);

  return { traceId, nodes, roots, preorder, startUnixNano: minStart, endUnixNano: maxEnd, duration: Number(maxEnd - minStart), depth: maxDepth, errorCount, services };
}

export type { Placement };
