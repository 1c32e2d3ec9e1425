import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSkeinError, StatusCode } from '@skein/model';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, parseJaegerSearch, type JaegerSearch } from './search-params.js';
import { QueryValues } from './query-values.js';

const NOW = 1_700_000_000_000_000_000n;
const HOUR = 3_600_000_000_000n;
const parse = (query: Record<string, string | string[]>): JaegerSearch => parseJaegerSearch(QueryValues.from(query), NOW);
const search = (query: Record<string, string | string[]>) => {
  const r = parse(query);
  assert.equal(r.kind, 'search');
  return r as Extract<JaegerSearch, { kind: 'search' }>;
};
const rejects = (query: Record<string, string | string[]>, message: string) =>
  assert.throws(
    () => parse(query),
    (err: unknown) => isSkeinError(err) && err.status === 400 && err.message === `invalid query parameter: ${message}`,
  );

describe('parseJaegerSearch', () => {
  it('maps a Jaeger UI search onto one TraceQuery', () => {
    const r = search({
      service: 'api',
      operation: 'GET /users',
      start: '1699990000000000',
      end: '1699999999000000',
      minDuration: '1.5s',
      maxDuration: '1h2m',
      limit: '50',
      lookback: '1h',
    });
    assert.deepEqual(r, {
      kind: 'search',
      limit: 50,
      queries: [
        {
          serviceName: 'api',
          spanName: 'GET /users',
          minDurationNanos: 1_500_000_000n,
          maxDurationNanos: 62n * 60_000_000_000n,
          startTimeMinNanos: 1699990000000000000n,
          startTimeMaxNanos: 1699999999000000000n,
          limit: 50,
          sort: 'newest',
          attributes: [],
        },
      ],
    });
  });

  it('defaults to the last two days, limit 20, and honours lookback when start is absent', () => {
    const q = search({ service: 'api' }).queries[0]!;
    assert.equal(q.startTimeMaxNanos, NOW);
    assert.equal(q.startTimeMinNanos, NOW - 48n * HOUR);
    assert.equal(q.limit, DEFAULT_SEARCH_LIMIT);
    assert.equal(search({ service: 'api', lookback: '2d', end: '1000000' }).queries[0]!.startTimeMinNanos, 1_000_000_000n - 48n * HOUR);
    assert.equal(search({ service: 'api', lookback: '1h' }).queries[0]!.startTimeMinNanos, NOW - HOUR);
    assert.equal(search({ service: 'api', lookback: 'custom' }).queries[0]!.startTimeMinNanos, NOW - 48n * HOUR);
    assert.equal(search({ service: 'api', limit: '999999' }).limit, MAX_SEARCH_LIMIT);
  });

  it('merges tag=k:v and tags JSON (later wins) and splits tag values at the first colon', () => {
    const q = search({ service: 'api', tag: ['http.url:http://x:80/a', 'db:pg'], tags: '{"db":"mysql","http.status_code":200}' }).queries[0]!;
    assert.deepEqual(q.attributes, [
      { key: 'http.url', op: '=', value: 'http://x:80/a' },
      { key: 'db', op: '=', value: 'mysql' },
      { key: 'http.status_code', op: '=', value: '200' },
    ]);
  });

  it('turns error=true into a status-or-attribute search', () => {
    const r = search({ service: 'api', tags: '{"error":"true"}' });
    assert.deepEqual(
      r.queries.map((q) => [q.statusCode, q.attributes]),
      [
        [StatusCode.ERROR, []],
        [undefined, [{ key: 'error', op: '=', value: 'true' }]],
      ],
    );
  });

  it('fetches by traceID without needing a service', () => {
    assert.deepEqual(parse({ traceID: ['abc', '5B8EFFF798038103D269B633813FC60C'] }), {
      kind: 'ids',
      traceIds: ['00000000000000000000000000000abc', '5b8efff798038103d269b633813fc60c'],
    });
  });

  it('rejects bad parameters with messages naming them', () => {
    rejects({}, "parameter 'service' is required");
    rejects({ service: 'a', minDuration: '2d' }, `unable to parse param 'minDuration': time: unknown unit "d" in duration "2d"`);
    rejects({ service: 'a', maxDuration: '100' }, `unable to parse param 'maxDuration': time: missing unit in duration "100"`);
    rejects({ service: 'a', minDuration: '2s', maxDuration: '1s' }, "'maxDuration' should be greater than 'minDuration'");
    rejects({ service: 'a', start: 'yesterday' }, `unable to parse param 'start': strconv.ParseInt: parsing "yesterday": invalid syntax`);
    rejects({ service: 'a', end: '1.5' }, `unable to parse param 'end': strconv.ParseInt: parsing "1.5": invalid syntax`);
    rejects({ service: 'a', limit: 'ten' }, `unable to parse param 'limit': strconv.ParseInt: parsing "ten": invalid syntax`);
    rejects({ service: 'a', limit: '-1' }, `unable to parse param 'limit': must not be negative: -1`);
    rejects({ service: 'a', tag: 'novalue' }, `malformed 'tag' parameter, expecting key:value, received: novalue`);
    rejects({ service: 'a', tags: '{"a":{}}' }, `malformed 'tags' parameter, cannot unmarshal JSON: value of "a" is not a string`);
    rejects({ service: 'a', tags: '[1]' }, `malformed 'tags' parameter, cannot unmarshal JSON: expected an object of strings, received: [1]`);
    rejects({ service: 'a', lookback: 'forever' }, `unable to parse param 'lookback': not a duration like 1h, 2d or custom: "forever"`);
    rejects({ traceID: 'xyz' }, 'cannot parse traceID param: TraceID is not hexadecimal: xyz');
    assert.throws(() => parse({ service: 'a', tags: '{bad' }), /malformed 'tags' parameter, cannot unmarshal JSON: /);
  });
});
