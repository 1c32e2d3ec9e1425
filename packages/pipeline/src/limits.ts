import { NANOS_PER_SECOND } from '@skein/model';

/** Bounds applied to every span before it reaches the store. All configurable. */
export interface SpanLimits {
  /** Longer string attribute values (and names, event names) are cut to this many UTF-16 units. */
  readonly maxStringLength: number;
  readonly maxAttributesPerSpan: number;
  readonly maxEventsPerSpan: number;
  readonly maxLinksPerSpan: number;
  /** Spans starting before this are absurd (clients with unset clocks send 1970). */
  readonly earliestStartNanos: bigint;
  /** Spans may start at most this far in the future (clock skew allowance). */
  readonly maxFutureNanos: bigint;
  readonly maxDurationNanos: bigint;
}

const DAY = 86_400n * NANOS_PER_SECOND;

export const DEFAULT_SPAN_LIMITS: SpanLimits = {
  maxStringLength: 32 * 1024,
  maxAttributesPerSpan: 512,
  maxEventsPerSpan: 1024,
  maxLinksPerSpan: 128,
  earliestStartNanos: BigInt(Date.UTC(2000, 0, 1)) * 1_000_000n,
  maxFutureNanos: DAY,
  maxDurationNanos: 30n * DAY,
};
