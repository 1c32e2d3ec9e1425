import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkeinError, StatusCode, SpanKind } from '@skein/model';
import { MAX_OR_GROUPS, parseAttributeCondition, parseConditionGroup, parseSkeinSearch, parseSkeinSearchQueries } from './search-params.js';

const NOW = 1_800_000_000_000_000_000n;

test('every parameter maps onto the TraceQuery', () => {
  const q = parseSkeinSearch(
    { service: 'api-01', operation: 'GET /', kind: 'server', status: 'error', attr: ['http.response.status_code>=500', 'user.id=42'], minDuration: '1s', maxDuration: '2.5s', lookback: '1h', limit: '5', sort: 'duration' },
    NOW,
  );
  assert.deepEqual(q, {
    serviceName: 'api-01',
    spanName: 'GET /',
    spanKind: SpanKind.SERVER,
    statusCode: StatusCode.ERROR,
    attributes: [
      { key: 'http.response.status_code', op: '>=', value: 500 },
      { key: 'user.id', op: '=', value: '42' },
    ],
    minDurationNanos: 1_000_000_000n,
    maxDurationNanos: 2_500_000_000n,
    startTimeMinNanos: NOW - 3_600_000_000_000n,
    limit: 5,
    sort: 'duration',
  });
});

test('defaults: limit 20, all stored time, newest first (sort left to the store default)', () => {
  assert.deepEqual(parseSkeinSearch({}, NOW), { limit: 20 });
});

test('start and end accept ISO 8601 and Unix nanoseconds', () => {
  const q = parseSkeinSearch({ start: '2026-11-21T00:00:00Z', end: '1795300000000000000' }, NOW);
  assert.equal(q.startTimeMinNanos, BigInt(Date.parse('2026-11-21T00:00:00Z')) * 1_000_000n);
  assert.equal(q.startTimeMaxNanos, 1_795_300_000_000_000_000n);
});

test('attribute conditions: every operator', () => {
  assert.deepEqual(parseAttributeCondition('a=b=c'), { key: 'a', op: '=', value: 'b=c' });
  assert.deepEqual(parseAttributeCondition('a!=x'), { key: 'a', op: '!=', value: 'x' });
  assert.deepEqual(parseAttributeCondition('a<3.5'), { key: 'a', op: '<', value: 3.5 });
  assert.deepEqual(parseAttributeCondition('a<=3'), { key: 'a', op: '<=', value: 3 });
  assert.deepEqual(parseAttributeCondition('a>3'), { key: 'a', op: '>', value: 3 });
  assert.deepEqual(parseAttributeCondition('a~^GET'), { key: 'a', op: 'regex', value: '^GET' });
  assert.deepEqual(parseAttributeCondition('error'), { key: 'error', op: 'exists' });
  assert.deepEqual(parseAttributeCondition('!error'), { key: 'error', op: 'not-exists' });
  assert.equal(parseAttributeCondition('a>abc'), undefined);
});

test('bad values are SKEIN_ERR_BAD_QUERY_PARAM naming the parameter', () => {
  const cases: Record<string, string> = { minDuration: 'soon', limit: '0', sort: 'random', kind: 'sideways', status: 'meh', start: 'yesterday', attr: 'a>b' };
  for (const [k, v] of Object.entries(cases)) {
    assert.throws(() => parseSkeinSearch({ [k]: v }, NOW), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_BAD_QUERY_PARAM' && e.message.includes(`${k}:`), k);
  }
});

test('anyOf: each group is the base query plus its conditions (after the plain attr ones)', () => {
  const qs = parseSkeinSearchQueries({ service: 'shop', attr: 'http.route=/cart', anyOf: ['http.response.status_code>=500', 'error.type and retry.count>2'], limit: '5' }, NOW);
  const base = { serviceName: 'shop', limit: 5 };
  assert.deepEqual(qs, [
    { ...base, attributes: [{ key: 'http.route', op: '=', value: '/cart' }, { key: 'http.response.status_code', op: '>=', value: 500 }] },
    { ...base, attributes: [{ key: 'http.route', op: '=', value: '/cart' }, { key: 'error.type', op: 'exists' }, { key: 'retry.count', op: '>', value: 2 }] },
  ]);
  // No group (or only empty ones) is the plain search.
  assert.deepEqual(parseSkeinSearchQueries({ service: 'shop', anyOf: '' }, NOW), [parseSkeinSearch({ service: 'shop' }, NOW)]);
  assert.deepEqual(parseConditionGroup('a=1  AND b\n and !c'), [{ key: 'a', op: '=', value: '1' }, { key: 'b', op: 'exists' }, { key: 'c', op: 'not-exists' }]);
});

test('anyOf: bad groups and too many groups are SKEIN_ERR_BAD_QUERY_PARAM naming anyOf', () => {
  const rejects = (anyOf: string | string[], why: RegExp): void => {
    assert.throws(() => parseSkeinSearchQueries({ anyOf }, NOW), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_BAD_QUERY_PARAM' && e.message.includes('anyOf:') && why.test(e.message));
  };
  rejects('a=1 and code>abc', /"code>abc" is not/);
  rejects(' and ', /has no condition/);
  rejects(Array.from({ length: MAX_OR_GROUPS + 1 }, (_, i) => `k=${i}`), new RegExp(`${MAX_OR_GROUPS + 1} groups given; at most ${MAX_OR_GROUPS}`));
  assert.equal(parseSkeinSearchQueries({ anyOf: Array.from({ length: MAX_OR_GROUPS }, (_, i) => `k=${i}`) }, NOW).length, MAX_OR_GROUPS);
});
