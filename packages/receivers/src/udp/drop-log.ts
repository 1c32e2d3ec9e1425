/** The part of a pino/Fastify logger the UDP receivers use. */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

export const DEFAULT_DROP_LOG_INTERVAL_MS = 10_000;

interface ReasonState {
  lastLoggedAt: number;
  /** Drops since the last line. */
  pending: number;
  /** The latest drop's detail, shown as an example. */
  detail: string;
}

/**
 * Warn-level lines about what a UDP receiver dropped, at most one per reason per interval, each
 * carrying the count since the previous line. UDP has no answer to carry an error back, so the
 * log and the metrics are the only place a client's mistake shows up; rate limiting keeps a
 * flood of junk (or a misconfigured client sending thousands of datagrams a second) from
 * flooding the log as well. The first drop of a reason is logged at once, so a misconfiguration
 * is visible immediately. Reasons are error codes: a small, fixed set, so the map stays small.
 */
export class DropLog {
  private readonly reasons = new Map<string, ReasonState>();

  constructor(
    private readonly receiver: string,
    private readonly logger: WarnLogger | undefined,
    private readonly intervalMs = DEFAULT_DROP_LOG_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** `count` things (datagrams or spans, as `unit` says) dropped for `reason`. */
  record(reason: string, unit: 'datagram' | 'span', detail: string, count = 1): void {
    if (!this.logger) return;
    const t = this.now();
    let state = this.reasons.get(`${unit}:${reason}`);
    if (!state) {
      state = { lastLoggedAt: -Infinity, pending: 0, detail };
      this.reasons.set(`${unit}:${reason}`, state);
    }
    state.pending += count;
    state.detail = detail;
    if (t - state.lastLoggedAt >= this.intervalMs) this.write(reason, unit, state, t);
  }

  /** Logs every count not yet reported (on close, so nothing counted goes unsaid). */
  flush(): void {
    const t = this.now();
    for (const [key, state] of this.reasons) {
      if (state.pending > 0) this.write(key.slice(key.indexOf(':') + 1), key.slice(0, key.indexOf(':')) as 'datagram' | 'span', state, t);
    }
  }

  private write(reason: string, unit: 'datagram' | 'span', state: ReasonState, t: number): void {
    const since = Number.isFinite(state.lastLoggedAt) ? ` in the last ${Math.round((t - state.lastLoggedAt) / 1000)}s` : '';
    this.logger!.warn(
      { receiver: this.receiver, reason, dropped: state.pending, unit },
      `${this.receiver}: dropped ${state.pending} ${unit}(s)${since}: ${reason} (latest: ${state.detail})`,
    );
    state.pending = 0;
    state.lastLoggedAt = t;
  }
}
