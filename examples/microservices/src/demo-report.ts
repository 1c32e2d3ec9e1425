import type { SentRequest } from './load-generator-span.js';

/** Counts of the load generator's results, for the launcher's periodic one-line summary. */
export class DemoReport {
  private total = 0;
  private ok = 0;
  private readonly failures = new Map<string, number>();
  private slowestMs = 0;
  private reported = 0;

  add(result: SentRequest): void {
    this.total++;
    if (result.status !== undefined && result.status < 400) this.ok++;
    else {
      const why = result.status === undefined ? (result.error ?? 'no answer') : `HTTP ${result.status}`;
      this.failures.set(why, (this.failures.get(why) ?? 0) + 1);
    }
    this.slowestMs = Math.max(this.slowestMs, result.endMs - result.startMs);
  }

  /** "12 requests: 10 ok, 2 failed (HTTP 500: 2), slowest 2043 ms". */
  summary(): string {
    const failed = this.total - this.ok;
    const why = [...this.failures.entries()].map(([k, n]) => `${k}: ${n}`).join(', ');
    return `${this.total} request${this.total === 1 ? '' : 's'}: ${this.ok} ok, ${failed} failed${failed ? ` (${why})` : ''}, slowest ${Math.round(this.slowestMs)} ms`;
  }

  /** The summary if anything happened since the last call, else undefined (no repeated lines). */
  summaryIfChanged(): string | undefined {
    if (this.total === this.reported) return undefined;
    this.reported = this.total;
    return this.summary();
  }
}
