import { diag, type TimeInput } from '@opentelemetry/api';
import { performance } from 'node:perf_hooks';
import { hrTimeToUnixMs } from './finished-span.js';

/*
 * One clock for every span: the monotonic performance clock offset by the process's time
 * origin. Durations never go backwards when the wall clock is adjusted, and a float ms
 * value needs no HrTime array per timestamp.
 */
const TIME_ORIGIN_MS = performance.timeOrigin;

/*
 * A number below this is a performance.now() reading, anything else epoch milliseconds. Half
 * the time origin (about 1997) rather than the origin itself, as the OpenTelemetry SDK does,
 * because Date.now() can lag the monotonic origin slightly, and a fresh epoch value must not
 * be mistaken for a relative one and doubled. Uptimes never reach decades, so no relative
 * reading comes near it.
 */
const RELATIVE_TIME_BOUND_MS = TIME_ORIGIN_MS / 2;

/** Now, in float milliseconds since the Unix epoch. */
export function nowUnixMs(): number {
  return TIME_ORIGIN_MS + performance.now();
}

/** True for the three TimeInput forms: number, Date and HrTime ([seconds, nanoseconds]). */
export function isTimeInput(value: unknown): value is TimeInput {
  return typeof value === 'number' || value instanceof Date || isHrTime(value);
}

function isHrTime(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/**
 * Converts what an application passed as a time to float epoch milliseconds. Missing input
 * means now; unusable input (NaN, an invalid Date, a string) is diagnosed and also means now,
 * because API calls must not throw.
 */
export function timeInputToUnixMs(time: TimeInput | undefined | null): number {
  if (typeof time === 'number') {
    if (Number.isFinite(time)) return time < RELATIVE_TIME_BOUND_MS ? TIME_ORIGIN_MS + time : time;
  } else if (time === undefined || time === null) {
    return nowUnixMs();
  } else if (time instanceof Date) {
    const ms = time.getTime();
    if (Number.isFinite(ms)) return ms;
  } else if (isHrTime(time)) {
    const ms = hrTimeToUnixMs(time);
    if (Number.isFinite(ms)) return ms;
  }
  diag.warn(`Skein: invalid time (${typeof time === 'number' ? time : typeof time}), using the current time`);
  return nowUnixMs();
}
