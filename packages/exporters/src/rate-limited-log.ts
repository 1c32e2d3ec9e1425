/**
 * Lets one log line per key through per interval and counts the ones held back, so a backend
 * refusing every batch, or a queue that stays full, gives a steady trickle of lines saying how
 * often it happened instead of a line per batch.
 */
export class RateLimitedLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `log(suppressed)` unless `key` was logged less than an interval ago. */
  maybe(key: string, log: (suppressedSinceLast: number) => void): void {
    const t = this.now();
    const entry = this.last.get(key);
    if (entry && t - entry.at < this.intervalMs) {
      entry.suppressed++;
      return;
    }
    this.last.set(key, { at: t, suppressed: 0 });
    log(entry?.suppressed ?? 0);
  }
}
