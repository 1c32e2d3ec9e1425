import { diag } from '@opentelemetry/api';

/**
 * A diag warning that fires at most once per interval, reporting how many times its event
 * happened since the last warning: a dropped-span or failed-export storm must not also flood
 * the log. Only the rare path (when the event happens) touches the clock.
 */
export class RateLimitedWarning {
  private sinceLastWarning = 0;
  private lastWarningAt = -Infinity;

  constructor(private readonly intervalMillis = 10_000) {}

  /** Counts one event; warns with `describe(countSinceLastWarning)` when the interval allows. */
  record(describe: (count: number) => string): void {
    this.sinceLastWarning++;
    const now = performance.now();
    if (now - this.lastWarningAt < this.intervalMillis) return;
    diag.warn(describe(this.sinceLastWarning));
    this.lastWarningAt = now;
    this.sinceLastWarning = 0;
  }
}
