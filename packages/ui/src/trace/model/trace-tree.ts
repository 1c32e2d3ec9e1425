import type { SpanJson } from './trace-json.js';

/**
 * Why a node sits where it does in the tree:
 * - `root`: it has no parent;
 * - `child`: under its recorded parent;
 * - `shared-half`: Zipkin's server half of a shared span (same id as its client half), shown
 *   under the client half as zipkin-lens does;
 * - `orphan`: its parent is not in the trace (not arrived, or lost), so it hangs under the root;
 * - `cycle`: its parent chain loops back on itself, so the loop is cut and it hangs under the root.
 */
export type Placement = 'root' | 'child' | 'shared-half' | 'orphan' | 'cycle';

export interface TraceNode {
  readonly index: number;
  /** Replaced in place when the payload of an outline span arrives (attach-payloads.ts). */
  span: SpanJson;
  /** Times in nanoseconds since the trace's first start (numbers: a trace lasts far less than 2^53 ns). */
  readonly start: number;
  readonly end: number;
  readonly duration: number;
  readonly isError: boolean;
  parent: number;
  children: number[];
  depth: number;
  placement: Placement;
  /** Set when the span starts before or ends after its parent (clock skew), saying by how much. */
  skew: string | undefined;
}

export interface TraceTree {
  readonly traceId: string;
  readonly nodes: readonly TraceNode[];
  /** Top-level nodes, earliest first. The first one is the primary root (orphans hang under it). */
  readonly roots: readonly number[];
  /** Every node in display order (depth first, children by start time). */
  readonly preorder: readonly number[];
  readonly startUnixNano: bigint;
  readonly endUnixNano: bigint;
  readonly duration: number;
  /** Levels in the tree: a lone root is depth 1. */
  readonly depth: number;
  readonly errorCount: number;
  /** Service names, most spans first (ties by name). */
  readonly services: readonly string[];
}
