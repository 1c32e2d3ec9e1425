import type { SpanJson } from './trace-json.js';
import type { TraceTree } from './trace-tree.js';

const keyOf = (s: SpanJson): string => `${s.spanId}/${s.shared ? 's' : 'c'}`;

/**
 * Puts full spans in place of the outline spans of a tree built from `/outline`, without
 * rebuilding it (tree building is most of a 100k-span paint). A span is matched by id and
 * shared flag, which is unique in a stored trace; spans without a match keep their outline.
 * Returns how many were attached.
 */
export function attachPayloads(tree: TraceTree, spans: readonly SpanJson[]): number {
  const byKey = new Map<string, SpanJson>();
  for (const s of spans) if (!s.outline) byKey.set(keyOf(s), s);
  let attached = 0;
  for (const node of tree.nodes) {
    if (!node.span.outline) continue;
    const full = byKey.get(keyOf(node.span));
    if (full) {
      node.span = full;
      attached++;
    }
  }
  return attached;
}
