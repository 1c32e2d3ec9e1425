import type { TraceTree } from '../../trace/model/trace-tree.js';

/**
 * The structural diff of two traces of (roughly) the same request, merged into one tree.
 *
 * Spans are matched by where they sit, not by id (ids differ between any two traces): a span's
 * key is its service and operation, and two spans match when their parents matched and they
 * are the k-th sibling with that key, counting in start-time order, on both sides. What is left
 * over on one side is `only-a` / `only-b`, and so is everything under it.
 *
 * Repeated siblings (a loop issuing 342 × SELECT) are compared as one group row, count and total
 * duration against count and total duration, because pairing the 17th SELECT of one trace with
 * the 17th of the other says nothing and hundreds of rows bury the real change. The children of
 * a group's members are pooled and diffed the same way, so a loop body stays a handful of rows.
 */
export type DiffKind = 'both' | 'only-a' | 'only-b';

export interface DiffNode {
  /** Creation order: unique in one diff, the same for the same inputs (React keys, collapse state). */
  readonly id: number;
  readonly kind: DiffKind;
  readonly serviceName: string;
  readonly name: string;
  readonly depth: number;
  /** Repeated siblings compared as a whole (see above). */
  readonly group: boolean;
  /** Spans this row stands for in each trace (0 or 1 for a single span). */
  readonly countA: number;
  readonly countB: number;
  /** Summed durations (ns) of those spans in each trace. */
  readonly durationA: number;
  readonly durationB: number;
  /**
   * durationB − durationA: what this row adds to (positive) or saves from the work of trace b.
   * A span only in a counts as −durationA, one only in b as +durationB, so sorting by delta ranks
   * every kind of change on one scale.
   */
  readonly delta: number;
  /** delta / durationA, when both sides have the row and a took any time; else undefined. */
  readonly deltaRatio: number | undefined;
  readonly errorsA: number;
  readonly errorsB: number;
  /** ns from its trace's start (the earlier side when on both): orders siblings as in a waterfall. */
  readonly start: number;
  /** The (first) span on each side, to open it in its trace. */
  readonly spanIdA: string | undefined;
  readonly spanIdB: string | undefined;
  /** This row differs enough to show under "only changed" (see `isChange`). */
  readonly changed: boolean;
  /** It or something under it changed. */
  subtreeChanged: boolean;
  readonly children: DiffNode[];
}

export interface DiffCounts {
  /** Spans matched on both sides (pairs: one per pair). */
  readonly both: number;
  readonly onlyA: number;
  readonly onlyB: number;
  /** Rows on both sides whose duration or count changed enough (see `isChange`). */
  readonly changed: number;
}

export interface TraceDiff {
  readonly roots: readonly DiffNode[];
  /** Every node, parents before children (creation order: `nodes[n.id] === n`). */
  readonly nodes: readonly DiffNode[];
  readonly counts: DiffCounts;
}

export interface DiffOptions {
  /** Siblings with one key this many times (on either side) are compared as a group. */
  readonly minGroup?: number;
  /** A matched row "changed" when |delta| is at least this share of its duration in a… */
  readonly changeRatio?: number;
  /** …and at least this many ns (so 3ns → 4ns is not a 33 % regression worth a look). */
  readonly changeMinNanos?: number;
}

export const DEFAULT_MIN_GROUP = 5;
export const DEFAULT_CHANGE_RATIO = 0.1;
export const DEFAULT_CHANGE_MIN_NANOS = 1_000;

const KIND_ORDER: Record<DiffKind, number> = { both: 0, 'only-a': 1, 'only-b': 2 };

/** Whether a matched row's difference is worth showing: a count changed or the time moved enough. */
export function isChange(countA: number, countB: number, durationA: number, delta: number, ratio = DEFAULT_CHANGE_RATIO, minNanos = DEFAULT_CHANGE_MIN_NANOS): boolean {
  if (countA !== countB) return true;
  const size = Math.abs(delta);
  return size >= minNanos && size >= ratio * durationA;
}

/** Work still to do: match the pooled children of `aParents` against those of `bParents`. */
interface Pending {
  readonly parent: DiffNode | undefined;
  readonly aParents: readonly number[] | undefined; // undefined: the trace's roots
  readonly bParents: readonly number[] | undefined;
  readonly depth: number;
}

/** Diffs two built trees in O(n log n) (sorting sibling lists), iteratively: no recursion limit on depth. */
export function diffTraces(a: TraceTree, b: TraceTree, options: DiffOptions = {}): TraceDiff {
  const minGroup = Math.max(2, options.minGroup ?? DEFAULT_MIN_GROUP);
  const ratio = options.changeRatio ?? DEFAULT_CHANGE_RATIO;
  const minNanos = options.changeMinNanos ?? DEFAULT_CHANGE_MIN_NANOS;
  const nodes: DiffNode[] = [];
  const roots: DiffNode[] = [];
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let changed = 0;

  const childrenOf = (tree: TraceTree, parents: readonly number[] | undefined): number[] => {
    if (parents === undefined) return [...tree.roots];
    if (parents.length === 1) return tree.nodes[parents[0]!]!.children;
    const pooled: number[] = [];
    for (const p of parents) for (const c of tree.nodes[p]!.children) pooled.push(c);
    return pooled.sort((x, y) => tree.nodes[x]!.start - tree.nodes[y]!.start || x - y);
  };
  const sum = (tree: TraceTree, list: readonly number[], pick: (i: number) => number): number => {
    let total = 0;
    for (const i of list) total += pick(i);
    return total;
  };

  const make = (parent: DiffNode | undefined, depth: number, key: { service: string; name: string }, inA: readonly number[], inB: readonly number[], group: boolean): DiffNode => {
    const countA = inA.length;
    const countB = inB.length;
    const kind: DiffKind = countA > 0 && countB > 0 ? 'both' : countA > 0 ? 'only-a' : 'only-b';
    const durationA = sum(a, inA, (i) => a.nodes[i]!.duration);
    const durationB = sum(b, inB, (i) => b.nodes[i]!.duration);
    const delta = durationB - durationA;
    const isChanged = kind === 'both' && isChange(countA, countB, durationA, delta, ratio, minNanos);
    const startA = countA > 0 ? a.nodes[inA[0]!]!.start : Infinity;
    const startB = countB > 0 ? b.nodes[inB[0]!]!.start : Infinity;
    const node: DiffNode = {
      id: nodes.length,
      kind,
      serviceName: key.service,
      name: key.name,
      depth,
      group,
      countA,
      countB,
      durationA,
      durationB,
      delta,
      deltaRatio: kind === 'both' && durationA > 0 ? delta / durationA : undefined,
      errorsA: sum(a, inA, (i) => (a.nodes[i]!.isError ? 1 : 0)),
      errorsB: sum(b, inB, (i) => (b.nodes[i]!.isError ? 1 : 0)),
      start: Math.min(startA, startB),
      spanIdA: countA > 0 ? a.nodes[inA[0]!]!.span.spanId : undefined,
      spanIdB: countB > 0 ? b.nodes[inB[0]!]!.span.spanId : undefined,
      changed: isChanged,
      subtreeChanged: isChanged || kind !== 'both',
      children: [],
    };
    nodes.push(node);
    (parent ? parent.children : roots).push(node);
    const paired = Math.min(countA, countB);
    both += paired;
    onlyA += countA - paired;
    onlyB += countB - paired;
    if (isChanged) changed++;
    return node;
  };

  const stack: Pending[] = [{ parent: undefined, aParents: undefined, bParents: undefined, depth: 0 }];
  while (stack.length > 0) {
    const { parent, aParents, bParents, depth } = stack.pop()!;
    const aChildren = aParents === undefined || aParents.length > 0 ? childrenOf(a, aParents) : [];
    const bChildren = bParents === undefined || bParents.length > 0 ? childrenOf(b, bParents) : [];
    // Siblings by key, each list in start order (children lists are sorted by start already).
    const byKey = new Map<string, { service: string; name: string; a: number[]; b: number[] }>();
    const slot = (span: { serviceName: string; name: string }) => {
      // \u0000 cannot be typed into a service name by accident, so two keys never run together.
      const k = `${span.serviceName}\u0000${span.name}`;
      let s = byKey.get(k);
      if (!s) byKey.set(k, (s = { service: span.serviceName, name: span.name, a: [], b: [] }));
      return s;
    };
    for (const i of aChildren) slot(a.nodes[i]!.span).a.push(i);
    for (const i of bChildren) slot(b.nodes[i]!.span).b.push(i);

    const made: Array<{ node: DiffNode; inA: number[]; inB: number[] }> = [];
    for (const s of byKey.values()) {
      if (Math.max(s.a.length, s.b.length) >= minGroup) {
        made.push({ node: make(parent, depth, s, s.a, s.b, true), inA: s.a, inB: s.b });
        continue;
      }
      const n = Math.max(s.a.length, s.b.length);
      for (let k = 0; k < n; k++) {
        const inA = k < s.a.length ? [s.a[k]!] : [];
        const inB = k < s.b.length ? [s.b[k]!] : [];
        made.push({ node: make(parent, depth, s, inA, inB, false), inA, inB });
      }
    }
    const siblings = parent ? parent.children : roots;
    siblings.sort((x, y) => x.start - y.start || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || x.id - y.id);
    for (let k = made.length - 1; k >= 0; k--) {
      const m = made[k]!;
      const aHas = m.inA.some((i) => a.nodes[i]!.children.length > 0);
      const bHas = m.inB.some((i) => b.nodes[i]!.children.length > 0);
      if (aHas || bHas) stack.push({ parent: m.node, aParents: m.inA, bParents: m.inB, depth: depth + 1 });
    }
  }

  // Children are created after their parents, so one backward pass carries "changed" upwards.
  const parentOf = new Int32Array(nodes.length).fill(-1);
  for (const n of nodes) for (const c of n.children) parentOf[c.id] = n.id;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const p = parentOf[i]!;
    if (p >= 0 && nodes[i]!.subtreeChanged) nodes[p]!.subtreeChanged = true;
  }

  return { roots, nodes, counts: { both, onlyA, onlyB, changed } };
}
