/**
 * The Compare page's URL: `/compare?a={traceId}&b={traceId}[&order=delta][&changed=1]`, so a
 * comparison is a link that can be shared. Ids are passed to the API as typed (trimmed): the
 * server normalizes them (64-bit, upper case, X-Ray form) and says "not found" for the rest.
 */
import type { DiffOrder } from './diff-rows.js';

export interface CompareParams {
  readonly a: string;
  readonly b: string;
  readonly order: DiffOrder;
  readonly onlyChanged: boolean;
}

/** What a trace id field may hold: hex, or an X-Ray id ("1-5f84c7a1-…"); long enough, not absurd. */
const TRACE_ID_PATTERN = /^[0-9a-fA-F-]{1,64}$/;

export function compareParamsFrom(params: URLSearchParams): CompareParams {
  return {
    a: (params.get('a') ?? '').trim(),
    b: (params.get('b') ?? '').trim(),
    order: params.get('order') === 'delta' ? 'delta' : 'tree',
    onlyChanged: params.get('changed') === '1',
  };
}

/** Why an id cannot be compared, or undefined when it can. */
export function traceIdProblem(id: string): string | undefined {
  if (id === '') return 'Enter a trace id';
  if (!TRACE_ID_PATTERN.test(id)) return 'A trace id is hexadecimal (up to 32 digits)';
  return undefined;
}

export function compareHref(p: { a: string; b: string; order?: DiffOrder; onlyChanged?: boolean }): string {
  const q = new URLSearchParams({ a: p.a.trim(), b: p.b.trim() });
  if (p.order === 'delta') q.set('order', 'delta');
  if (p.onlyChanged) q.set('changed', '1');
  return `/compare?${q}`;
}

/**
 * The search page's selection for comparison: at most two ids, in the order picked (the first
 * becomes a, the second b). Picking a third drops the oldest pick, so the newest two always win
 * and a click never does nothing.
 */
export function togglePick(picked: readonly string[], traceId: string): string[] {
  if (picked.includes(traceId)) return picked.filter((id) => id !== traceId);
  return [...picked, traceId].slice(-2);
}
