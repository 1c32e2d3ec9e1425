import type { FinishedSpan, InstrumentationScope, SpanResource } from '../../trace/finished-span.js';

/**
 * Groups spans by resource object, then scope object (identity: the SDK shares one object per
 * provider and per tracer), keeping first-seen order. Consecutive spans of the same group,
 * the usual case, skip both map look-ups.
 */
export function groupSpansByResourceAndScope(
  spans: readonly FinishedSpan[],
): Map<SpanResource, Map<InstrumentationScope, FinishedSpan[]>> {
  const groups = new Map<SpanResource, Map<InstrumentationScope, FinishedSpan[]>>();
  let lastResource: SpanResource | undefined;
  let lastScope: InstrumentationScope | undefined;
  let lastList: FinishedSpan[] | undefined;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const resource = span.resource;
    const scope = span.scope;
    if (resource !== lastResource || scope !== lastScope || lastList === undefined) {
      let scopes = groups.get(resource);
      if (scopes === undefined) {
        scopes = new Map();
        groups.set(resource, scopes);
      }
      let list = scopes.get(scope);
      if (list === undefined) {
        list = [];
        scopes.set(scope, list);
      }
      lastResource = resource;
      lastScope = scope;
      lastList = list;
    }
    lastList.push(span);
  }
  return groups;
}
