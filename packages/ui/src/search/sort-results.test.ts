import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceSummary } from '../shared/api-client.js';
import { durationFractions, sortResults } from './sort-results.js';

const t = (traceId: string, spanCount: number, errorCount: number, durationNanos = '1000'): TraceSummary => ({
  traceId,
  rootServiceName: 's',
  rootName: 'op',
  startTimeUnixNano: '0',
  durationNanos,
  spanCount,
  errorCount,
  services: [],
});

test('most spans and most errors: descending, ties by trace id whatever the input order', () => {
  const input = [t('c', 5, 0), t('a', 5, 2), t('b', 9, 2), t('d', 1, 7)];
  assert.deepEqual(sortResults(input, 'most-spans').map((x) => x.traceId), ['b', 'a', 'c', 'd']);
  assert.deepEqual(sortResults(input, 'most-errors').map((x) => x.traceId), ['d', 'a', 'b', 'c']);
  assert.deepEqual(sortResults([...input].reverse(), 'most-errors').map((x) => x.traceId), ['d', 'a', 'b', 'c']);
});

test('server sorts keep the server order and never mutate the input', () => {
  const input = [t('c', 5, 0), t('a', 5, 2)];
  const out = sortResults(input, 'slowest');
  assert.deepEqual(out.map((x) => x.traceId), ['c', 'a']);
  sortResults(input, 'most-errors');
  assert.deepEqual(input.map((x) => x.traceId), ['c', 'a']);
});

test('duration bars are scaled to the longest trace', () => {
  assert.deepEqual(durationFractions([t('a', 1, 0, '500'), t('b', 1, 0, '2000'), t('c', 1, 0, '0')]), [0.25, 1, 0]);
  assert.deepEqual(durationFractions([t('a', 1, 0, '0')]), [0]);
  assert.deepEqual(durationFractions([]), []);
});
