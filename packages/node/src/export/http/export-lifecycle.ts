import type { Agent } from 'node:http';
import type { FinishedSpan } from '../../trace/finished-span.js';
import type { ExportResult } from '../span-exporter.js';

/**
 * What every HTTP exporter shares around its own encoding and request: exports in flight
 * (forceFlush waits for them), the shutdown that waits for them and closes the keep-alive
 * agent, and refusing to export afterwards.
 */
export class ExportLifecycle {
  private readonly pending = new Set<Promise<ExportResult>>();
  private stopped = false;

  constructor(
    /** Names the exporter in its errors, e.g. "OTLP exporter". */
    private readonly name: string,
    private readonly agent: Agent,
  ) {}

  /** Runs `send` unless shut down; an empty batch succeeds without a request. */
  export(spans: readonly FinishedSpan[], send: (spans: readonly FinishedSpan[]) => Promise<ExportResult>): Promise<ExportResult> {
    if (this.stopped) return Promise.resolve({ ok: false, error: new Error(`${this.name} is shut down`), retryable: false });
    if (spans.length === 0) return Promise.resolve({ ok: true });
    const sending = send(spans);
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
    return sending;
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.pending);
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.pending);
    this.agent.destroy();
  }
}
