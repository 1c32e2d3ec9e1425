import { spanServiceName, StatusCode, type Span } from '@skein/model';
import type { DependencyLink } from '../trace-store.js';

/**
 * Finds the span a child reports to, among the spans of its trace:
 * - the server half of a Zipkin shared span reports to its client half (same span id);
 * - otherwise the span whose id is `parentSpanId`. When that id names both halves of a shared
 *   span, the half in the child's own service wins (a child of the server half is the server's
 *   work), then the server (shared) half.
 */
export function parentOf(child: Span, spansById: ReadonlyMap<string, readonly Span[]>): Span | undefined {
  if (child.shared) {
    const clientHalf = spansById.get(child.spanId)?.find((s) => !s.shared);
    if (clientHalf) return clientHalf;
  }
  if (child.parentSpanId === '') return undefined;
  const candidates = spansById.get(child.parentSpanId);
  if (!candidates || candidates.length === 0) return undefined;
  const service = spanServiceName(child);
  return candidates.find((s) => spanServiceName(s) === service) ?? candidates.find((s) => s.shared) ?? candidates[0];
}

/**
 * Service call graph of the given traces: one call per child span whose start is in
 * [windowStart, windowEnd) and whose parent is in another service. Sorted by parent, child.
 */
export function deriveDependencyLinks(traces: Iterable<readonly Span[]>, windowStart: bigint, windowEnd: bigint): DependencyLink[] {
  const links = new Map<string, { parent: string; child: string; callCount: number; errorCount: number }>();
  for (const spans of traces) {
    const byId = new Map<string, Span[]>();
    for (const s of spans) {
      const list = byId.get(s.spanId);
      if (list) list.push(s);
      else byId.set(s.spanId, [s]);
    }
    for (const child of spans) {
      if (child.startTimeUnixNano < windowStart || child.startTimeUnixNano >= windowEnd) continue;
      const parent = parentOf(child, byId);
      if (!parent) continue;
      const from = spanServiceName(parent);
      const to = spanServiceName(child);
      if (from === to) continue;
      const key = JSON.stringify([from, to]);
      const link = links.get(key) ?? { parent: from, child: to, callCount: 0, errorCount: 0 };
      link.callCount++;
      if (parent.status.code === StatusCode.ERROR || child.status.code === StatusCode.ERROR) link.errorCount++;
      links.set(key, link);
    }
  }
  return [...links.values()].sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
}
