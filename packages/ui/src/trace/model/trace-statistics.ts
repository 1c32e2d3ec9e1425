import type { TraceTree } from './trace-tree.js';

export interface StatisticsRow {
  readonly serviceName: string;
  /** Empty for a per-service row. */
  readonly name: string;
  readonly count: number;
  /** Sum of the spans' durations, ns. */
  readonly totalTime: number;
  /** Sum of the time each span spent outside all of its children, ns. */
  readonly selfTime: number;
  readonly errors: number;
}

export interface TraceStatistics {
  readonly services: readonly StatisticsRow[];
  readonly operations: readonly StatisticsRow[];
}

/**
 * Self time of one span: its duration minus the union of its children's intervals (clipped to
 * the span), so overlapping parallel children are not subtracted twice. Children are sorted by
 * start, so the union is one merge pass.
 */
export function selfTime(tree: TraceTree, index: number): number {
  const node = tree.nodes[index]!;
  let covered = 0;
  let runStart = -Infinity;
  let runEnd = -Infinity;
  for (const c of node.children) {
    const child = tree.nodes[c]!;
    const s = Math.max(child.start, node.start);
    const e = Math.min(child.end, node.end);
    if (e <= s) continue;
    if (s > runEnd) {
      if (runEnd > runStart) covered += runEnd - runStart;
      runStart = s;
      runEnd = e;
    } else if (e > runEnd) runEnd = e;
  }
  if (runEnd > runStart) covered += runEnd - runStart;
  return node.duration - covered;
}

/** Per service and per operation (service + span name): count, total time, self time, errors. Most total time first. */
export function computeStatistics(tree: TraceTree): TraceStatistics {
  const services = new Map<string, Mutable>();
  const operations = new Map<string, Mutable>();
  for (const node of tree.nodes) {
    const self = selfTime(tree, node.index);
    const { serviceName, name } = node.span;
    add(services, serviceName, serviceName, '', node.duration, self, node.isError);
    add(operations, `${serviceName}\u0000${name}`, serviceName, name, node.duration, self, node.isError);
  }
  return { services: sorted(services), operations: sorted(operations) };
}

interface Mutable {
  serviceName: string;
  name: string;
  count: number;
  totalTime: number;
  selfTime: number;
  errors: number;
}

function add(map: Map<string, Mutable>, key: string, serviceName: string, name: string, duration: number, self: number, error: boolean) {
  let row = map.get(key);
  if (!row) map.set(key, (row = { serviceName, name, count: 0, totalTime: 0, selfTime: 0, errors: 0 }));
  row.count++;
  row.totalTime += duration;
  row.selfTime += self;
  if (error) row.errors++;
}

const sorted = (map: Map<string, Mutable>): StatisticsRow[] =>
  [...map.values()].sort((a, b) => b.totalTime - a.totalTime || cmp(a.serviceName, b.serviceName) || cmp(a.name, b.name));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
