/** Milliseconds from a monotonic clock; injectable so tests control time. */
export type MonotonicClock = () => number;

export const defaultClock: MonotonicClock = () => performance.now();

/**
 * A token bucket as Jaeger's rate limiter: credits accrue at `creditsPerSecond` up to
 * `maxBalance`, the bucket starts full, and each granted request spends one credit.
 */
export class TokenBucket {
  private readonly creditsPerMs: number;
  private readonly maxBalance: number;
  private balance: number;
  private lastTick: number;

  constructor(
    creditsPerSecond: number,
    maxBalance: number,
    private readonly now: MonotonicClock = defaultClock,
  ) {
    this.creditsPerMs = creditsPerSecond / 1000;
    this.maxBalance = maxBalance;
    this.balance = maxBalance;
    this.lastTick = now();
  }

  /** Spends one credit if there is one. */
  tryTake(): boolean {
    const now = this.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    // A clock that went backwards (only possible with an injected one) earns nothing.
    if (elapsed > 0) this.balance = Math.min(this.maxBalance, this.balance + elapsed * this.creditsPerMs);
    if (this.balance < 1) return false;
    this.balance -= 1;
    return true;
  }
}
