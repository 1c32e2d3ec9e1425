import { millisToNanos } from '@skein/model';
import type { DependencyQuery } from '@skein/store';
import { paramError, parseGoInt64 } from './param-errors.js';
import type { QueryValues } from './query-values.js';

/** Jaeger's defaultDependencyLookbackDuration. */
export const DEFAULT_DEPENDENCY_LOOKBACK_NANOS = 24n * 3600n * 1_000_000_000n;

/**
 * `GET /api/dependencies?endTs=&lookback=`: both in milliseconds (the window is a time-range
 * selection, so Jaeger chose ms here); endTs defaults to now, lookback to one day.
 */
export function parseDependencyQuery(q: QueryValues, nowNanos: bigint): DependencyQuery {
  const endTs = q.first('endTs');
  const lookback = q.first('lookback');
  const lookbackNanos = lookback === undefined ? DEFAULT_DEPENDENCY_LOOKBACK_NANOS : millisToNanos(parseGoInt64('lookback', lookback));
  if (lookbackNanos < 0n) throw paramError('lookback', `must not be negative: ${lookback}`);
  return {
    endTimeNanos: endTs === undefined ? nowNanos : millisToNanos(parseGoInt64('endTs', endTs)),
    lookbackNanos,
  };
}
