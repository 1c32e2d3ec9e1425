import { StatusCode, nowNanos, spanKindFromName } from '@skein/model';
import type { AttributeCondition, TraceQuery, TraceSort } from '@skein/store';
import { badParam, durationParam, manyParams, singleParam, timeParam, type RawParams } from './query-params.js';

export type { RawParams };

const SORTS: readonly TraceSort[] = ['newest', 'oldest', 'duration', 'shortest'];
export const MAX_LIMIT = 1000;
/** Each `anyOf` group is one store query, so the groups are bounded like the Jaeger/Zipkin fan-out. */
export const MAX_OR_GROUPS = 32;

/**
 * Skein API search parameters → TraceQuery.
 *   service, operation, kind, status=error|ok|unset,
 *   attr (repeatable): `k=v`, `k!=v`, `k>5`, `k>=5`, `k<5`, `k<=5`, `k~regex`, `k` (exists), `!k` (missing),
 *   minDuration/maxDuration ("1.5s", "200ms"), start/end (ISO 8601 or Unix ns), lookback ("1h"),
 *   limit (default 20, at most 1000), sort (newest|oldest|duration|shortest).
 * No time bounds means all stored time.
 */
export function parseSkeinSearch(params: RawParams, now: bigint = nowNanos()): TraceQuery {
  const one = (k: string): string | undefined => singleParam(params, k);
  const many = (k: string): string[] => manyParams(params, k);
  const bad = badParam;
  const duration = (k: string): bigint | undefined => durationParam(params, k);
  const time = (k: string): bigint | undefined => timeParam(params, k);

  const query: { -readonly [K in keyof TraceQuery]: TraceQuery[K] } = { limit: 20 };
  const service = one('service');
  if (service) query.serviceName = service;
  const operation = one('operation');
  if (operation) query.spanName = operation;
  const kind = one('kind');
  if (kind) query.spanKind = spanKindFromName(kind) ?? bad('kind', `"${kind}" is not server, client, producer, consumer or internal`);
  const status = one('status');
  if (status) {
    const code = ({ error: StatusCode.ERROR, ok: StatusCode.OK, unset: StatusCode.UNSET } as Record<string, StatusCode>)[status.toLowerCase()];
    query.statusCode = code ?? bad('status', `"${status}" is not error, ok or unset`);
  }
  const attrs = many('attr').map((a) => parseAttributeCondition(a) ?? bad('attr', conditionSyntaxProblem(a)));
  if (attrs.length > 0) query.attributes = attrs;
  const minD = duration('minDuration');
  if (minD !== undefined) query.minDurationNanos = minD;
  const maxD = duration('maxDuration');
  if (maxD !== undefined) query.maxDurationNanos = maxD;
  const end = time('end');
  let start = time('start');
  const lookback = duration('lookback');
  if (lookback !== undefined && start === undefined) start = (end ?? now) - lookback;
  if (start !== undefined) query.startTimeMinNanos = start;
  if (end !== undefined) query.startTimeMaxNanos = end;
  const limit = one('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    query.limit = Number.isInteger(n) && n > 0 && n <= MAX_LIMIT ? n : bad('limit', `"${limit}" is not an integer from 1 to ${MAX_LIMIT}`);
  }
  const sort = one('sort');
  if (sort) query.sort = (SORTS as string[]).includes(sort) ? (sort as TraceSort) : bad('sort', `"${sort}" is not one of ${SORTS.join(', ')}`);
  return query;
}

export function parseAttributeCondition(text: string): AttributeCondition | undefined {
  const m = /^([^!=<>~]+?)\s*(!=|>=|<=|=|>|<|~)\s*(.*)$/s.exec(text);
  if (!m) {
    if (text.startsWith('!') && text.length > 1) return { key: text.slice(1).trim(), op: 'not-exists' };
    return text.trim() ? { key: text.trim(), op: 'exists' } : undefined;
  }
  const [, key, op, value] = m as unknown as [string, string, string, string];
  if (op === '=' || op === '!=') return { key: key.trim(), op, value };
  if (op === '~') return { key: key.trim(), op: 'regex', value };
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return undefined;
  return { key: key.trim(), op: op as '<' | '<=' | '>' | '>=', value: n };
}

const conditionSyntaxProblem = (text: string): string => `"${text}" is not k=v, k!=v, k>n, k>=n, k<n, k<=n, k~regex, k or !k`;

/**
 * The whole search as store queries whose union is the answer (for findTracesMatchingAny).
 * Without `anyOf` that is the one query of parseSkeinSearch. Each `anyOf` (repeatable) is a
 * group of conditions in the `attr` syntax joined by ` and `; a trace must match every other
 * filter and at least one group, so each group becomes the base query plus its conditions.
 * A value that itself contains " and " cannot be written inside a group (use `attr` for it).
 */
export function parseSkeinSearchQueries(params: RawParams, now: bigint = nowNanos()): TraceQuery[] {
  const base = parseSkeinSearch(params, now);
  const groups = manyParams(params, 'anyOf');
  if (groups.length === 0) return [base];
  if (groups.length > MAX_OR_GROUPS) badParam('anyOf', `${groups.length} groups given; at most ${MAX_OR_GROUPS} are allowed`);
  return groups.map((group) => ({ ...base, attributes: [...(base.attributes ?? []), ...parseConditionGroup(group)] }));
}

/** `a=1 and b>2` → its conditions; the separator is the UI's (any case, any spacing). */
export function parseConditionGroup(group: string): AttributeCondition[] {
  const parts = group
    .split(/\s+and\s+/i)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0) badParam('anyOf', `"${group}" has no condition`);
  return parts.map((c) => parseAttributeCondition(c) ?? badParam('anyOf', conditionSyntaxProblem(c)));
}
