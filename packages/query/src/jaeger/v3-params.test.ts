import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSkeinError, StatusCode } from '@skein/model';
import { QueryValues } from './query-values.js';
import { parseV3Search } from './v3-params.js';

const parse = (query: Record<string, string>) => parseV3Search(QueryValues.from(query));
const WINDOW = { 'query.start_time_min': '2024-01-31T10:00:00Z', 'query.start_time_max': '2024-01-31T11:00:00.000000001Z' };

describe('parseV3Search', () => {
  it('maps snake_case gateway parameters onto a TraceQuery (max exclusive)', () => {
    const r = parse({
      ...WINDOW,
      'query.service_name': 'api',
      'query.operation_name': 'GET /',
      'query.duration_min': '10ms',
      'query.duration_max': '2s',
      'query.num_traces': '7',
    });
    assert.deepEqual(r, {
      raw: false,
      queries: [
        {
          serviceName: 'api',
          spanName: 'GET /',
          minDurationNanos: 10_000_000n,
          maxDurationNanos: 2_000_000_000n,
          startTimeMinNanos: 1706695200000000000n,
          startTimeMaxNanos: 1706698800000000000n,
          limit: 7,
          sort: 'newest',
          attributes: [],
        },
      ],
    });
  });

  it('takes the camelCase names too, attributes as a JSON map, and raw traces', () => {
    const r = parse({
      'query.startTimeMin': '2024-01-31T10:00:00Z',
      'query.startTimeMax': '2024-01-31T11:00:00Z',
      'query.serviceName': 'api',
      'query.searchDepth': '3',
      'query.attributes': '{"http.status_code":"500","error":"true"}',
      'query.rawTraces': 'true',
    });
    assert.equal(r.raw, true);
    assert.deepEqual(
      r.queries.map((q) => [q.serviceName, q.limit, q.statusCode, q.attributes]),
      [
        ['api', 3, StatusCode.ERROR, [{ key: 'http.status_code', op: '=', value: '500' }]],
        [
          'api',
          3,
          undefined,
          [
            { key: 'http.status_code', op: '=', value: '500' },
            { key: 'error', op: '=', value: 'true' },
          ],
        ],
      ],
    );
    assert.equal(parse({ ...WINDOW, 'query.search_depth': '4' }).queries[0]!.limit, 4);
  });

  it('rejects missing windows and malformed values, naming the parameter', () => {
    for (const [query, message] of [
      [{}, 'query.startTimeMin and query.startTimeMax are required'],
      [{ 'query.start_time_min': '2024-01-31T10:00:00Z' }, 'query.startTimeMin and query.startTimeMax are required'],
      [{ ...WINDOW, 'query.start_time_min': 'yesterday' }, 'malformed parameter query.start_time_min: not an RFC 3339 timestamp like 2024-01-31T10:00:00.123Z: "yesterday"'],
      [{ ...WINDOW, 'query.duration_min': '1d' }, 'malformed parameter query.duration_min: time: unknown unit "d" in duration "1d"'],
      [{ ...WINDOW, 'query.num_traces': 'x' }, 'malformed parameter query.num_traces: strconv.Atoi: parsing "x": invalid syntax'],
      [{ ...WINDOW, 'query.attributes': '{"a":[1]}' }, 'malformed parameter query.attributes: value of "a" is not a string'],
      [{ ...WINDOW, 'query.raw_traces': 'maybe' }, 'malformed parameter query.raw_traces: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ] as const) {
      assert.throws(
        () => parse(query),
        (err: unknown) => isSkeinError(err) && err.status === 400 && err.message === `invalid query parameter: ${message}`,
        message,
      );
    }
  });
});
