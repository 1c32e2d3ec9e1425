import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSkeinError } from '@skein/model';
import { jaegerDependencyLinks } from './dependency-links.js';
import { DEFAULT_DEPENDENCY_LOOKBACK_NANOS, parseDependencyQuery } from './dependency-params.js';
import { QueryValues } from './query-values.js';

describe('jaegerDependencyLinks', () => {
  const links = [
    { parent: 'web', child: 'db', callCount: 2, errorCount: 1 },
    { parent: 'api', child: 'web', callCount: 1, errorCount: 0 },
    { parent: 'web', child: 'db', callCount: 3, errorCount: 0 },
    { parent: 'api', child: 'cache', callCount: 4, errorCount: 0 },
  ];

  it('sums duplicate pairs, drops errorCount and sorts', () => {
    assert.deepEqual(jaegerDependencyLinks(links), [
      { parent: 'api', child: 'cache', callCount: 4 },
      { parent: 'api', child: 'web', callCount: 1 },
      { parent: 'web', child: 'db', callCount: 5 },
    ]);
  });

  it('keeps only links touching a service when asked', () => {
    assert.deepEqual(jaegerDependencyLinks(links, 'web'), [
      { parent: 'api', child: 'web', callCount: 1 },
      { parent: 'web', child: 'db', callCount: 5 },
    ]);
  });
});

describe('parseDependencyQuery', () => {
  const NOW = 5_000_000_000_000_000n;
  it('reads endTs and lookback in milliseconds with Jaeger defaults', () => {
    assert.deepEqual(parseDependencyQuery(QueryValues.from({ endTs: '1700000000000', lookback: '3600000' }), NOW), {
      endTimeNanos: 1_700_000_000_000_000_000n,
      lookbackNanos: 3_600_000_000_000n,
    });
    assert.deepEqual(parseDependencyQuery(QueryValues.from({}), NOW), { endTimeNanos: NOW, lookbackNanos: DEFAULT_DEPENDENCY_LOOKBACK_NANOS });
  });

  it('rejects non-integers and negative lookbacks', () => {
    for (const [query, message] of [
      [{ endTs: 'now' }, `unable to parse param 'endTs': strconv.ParseInt: parsing "now": invalid syntax`],
      [{ lookback: '1h' }, `unable to parse param 'lookback': strconv.ParseInt: parsing "1h": invalid syntax`],
      [{ lookback: '-5' }, `unable to parse param 'lookback': must not be negative: -5`],
    ] as const) {
      assert.throws(
        () => parseDependencyQuery(QueryValues.from(query), NOW),
        (err: unknown) => isSkeinError(err) && err.status === 400 && err.message.endsWith(message),
      );
    }
  });
});
