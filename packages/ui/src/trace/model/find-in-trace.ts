import type { AttributeJson } from './trace-json.js';
import type { TraceTree } from './trace-tree.js';

/**
 * Spans matching a find-in-trace query, in display order: case-insensitive substring over the
 * span name, service name, span id, and attribute keys and values. Several words must all
 * match (each anywhere), so "db users" finds the SELECT on users in the db service.
 */
export function findInTrace(tree: TraceTree, query: string): number[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const matches: number[] = [];
  for (const i of tree.preorder) {
    const span = tree.nodes[i]!.span;
    if (words.every((w) => spanContains(span.name, span.serviceName, span.spanId, span.attributes, w))) matches.push(i);
  }
  return matches;
}

function spanContains(name: string, service: string, spanId: string, attributes: readonly AttributeJson[], word: string): boolean {
  if (name.toLowerCase().includes(word) || service.toLowerCase().includes(word) || spanId.includes(word)) return true;
  for (const a of attributes) {
    if (a.key.toLowerCase().includes(word)) return true;
    if (valueText(a.value).toLowerCase().includes(word)) return true;
  }
  return false;
}

/** An attribute value as text (arrays and maps as JSON), the way the details panel shows it. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
