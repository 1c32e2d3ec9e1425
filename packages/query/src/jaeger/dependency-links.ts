import type { DependencyLink } from '@skein/store';
import type { JaegerDependencyLink } from './jaeger-json.js';

/**
 * Jaeger's dependency answer: links touching `service` when one is given, one entry per
 * (parent, child) with call counts summed (Jaeger's deduplicateDependencies), sorted so that
 * responses are stable (Jaeger's own order is a Go map's, i.e. random).
 */
export function jaegerDependencyLinks(links: readonly DependencyLink[], service?: string): JaegerDependencyLink[] {
  const counts = new Map<string, JaegerDependencyLink>();
  for (const link of links) {
    if (service !== undefined && link.parent !== service && link.child !== service) continue;
    const key = JSON.stringify([link.parent, link.child]);
    const seen = counts.get(key);
    if (seen) seen.callCount += link.callCount;
    else counts.set(key, { parent: link.parent, child: link.child, callCount: link.callCount });
  }
  return [...counts.values()].sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
}
