import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkeinError, StatusCode, SpanKind } from '@skein/model';
import { parseAttributeCondition, parseSkeinSearch } from './search-params.js';

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
