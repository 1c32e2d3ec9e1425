import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ForwardObserver } from '@skein/exporters';
import type { CommitObserver, IngestObserver } from '@skein/pipeline';
import type { ReceiverObserver, UdpReceiverObserver } from '@skein/receivers';
import type { TraceStore } from '@skein/store';

/**
 * Skein's Prometheus metrics, one registry per running instance (tests run several in one
 * process). The pipeline and receivers only see the observer interfaces implemented here.
 */
export class SkeinMetrics implements IngestObserver, CommitObserver, ReceiverObserver, UdpReceiverObserver, ForwardObserver {
  readonly registry = new Registry();
  private readonly received = new Counter({ name: 'skein_spans_received_total', help: 'Spans decoded from requests, by receiver', labelNames: ['receiver'], registers: [this.registry] });
  private readonly accepted = new Counter({ name: 'skein_spans_accepted_total', help: 'Spans committed to the store and acknowledged, by receiver', labelNames: ['receiver'], registers: [this.registry] });
  private readonly rejected = new Counter({ name: 'skein_spans_rejected_total', help: 'Spans not stored, by receiver and reason (error code)', labelNames: ['receiver', 'reason'], registers: [this.registry] });
  private readonly requests = new Counter({ name: 'skein_receiver_requests_total', help: 'Ingest requests by receiver and outcome (ok, partial, or an error code)', labelNames: ['receiver', 'outcome'], registers: [this.registry] });
  private readonly batchSpans = new Histogram({ name: 'skein_commit_batch_spans', help: 'Spans per group commit', buckets: [1, 10, 100, 500, 1000, 5000, 10000, 50000], registers: [this.registry] });
  private readonly batchRequests = new Histogram({ name: 'skein_commit_batch_requests', help: 'Requests per group commit', buckets: [1, 2, 4, 8, 16, 32, 64, 128], registers: [this.registry] });
  private readonly commitSeconds = new Histogram({ name: 'skein_commit_duration_seconds', help: 'Store commit latency', buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry] });
  private readonly commitFailures = new Counter({ name: 'skein_commit_failures_total', help: 'Group commits the store refused', registers: [this.registry] });
  private readonly datagrams = new Counter({ name: 'skein_udp_datagrams_total', help: 'UDP datagrams by receiver and outcome (ok, partial, or the drop reason: an error code)', labelNames: ['receiver', 'outcome'], registers: [this.registry] });
  private readonly forwarded = new Counter({ name: 'skein_forward_spans_total', help: 'Spans sent to the forwarding endpoint and accepted there', registers: [this.registry] });
  private readonly forwardRetries = new Counter({ name: 'skein_forward_retries_total', help: 'Forwarding requests retried, by the status (or error) that caused it', labelNames: ['status'], registers: [this.registry] });
  private readonly forwardDropped = new Counter({ name: 'skein_forward_dropped_spans_total', help: 'Spans given up on by the forwarder, by reason', labelNames: ['reason'], registers: [this.registry] });

  constructor(store: TraceStore | undefined, queuedSpans: () => number) {
    collectDefaultMetrics({ register: this.registry, prefix: 'skein_' });
    new Gauge({ name: 'skein_ingest_queue_spans', help: 'Spans waiting for a commit', registers: [this.registry], collect() { this.set(queuedSpans()); } });
    if (!store) return; // --storage none: nothing stored to report
    // One getStats call serves both gauges of a scrape.
    let stats: ReturnType<TraceStore['getStats']> | undefined;
    const statsOnce = () => (stats ??= store.getStats().finally(() => setImmediate(() => (stats = undefined))));
    new Gauge({ name: 'skein_store_bytes', help: 'Bytes the store occupies on disk', registers: [this.registry], async collect() { this.set((await statsOnce()).bytesOnDisk); } });
    new Gauge({ name: 'skein_store_spans', help: 'Spans held by the store', registers: [this.registry], async collect() { this.set((await statsOnce()).spanCount); } });
  }

  onReceived(receiver: string, spans: number): void {
    this.received.inc({ receiver }, spans);
  }
  onAccepted(receiver: string, spans: number): void {
    this.accepted.inc({ receiver }, spans);
  }
  onRejected(receiver: string, reason: string, spans: number): void {
    this.rejected.inc({ receiver, reason }, spans);
  }
  onRequest(receiver: string, outcome: string): void {
    this.requests.inc({ receiver, outcome });
  }
  /** Reports the forwarders' queues (`skein_forward_queue_spans`); called once they exist. */
  watchForwardQueue(queuedSpans: () => number): void {
    new Gauge({ name: 'skein_forward_queue_spans', help: 'Spans waiting to be forwarded', registers: [this.registry], collect() { this.set(queuedSpans()); } });
  }
  onDatagram(receiver: string, outcome: string): void {
    this.datagrams.inc({ receiver, outcome });
  }
  onForwarded(spans: number): void {
    this.forwarded.inc(spans);
  }
  onRetry(status: number | string): void {
    this.forwardRetries.inc({ status: String(status) });
  }
  onDropped(reason: string, spans: number): void {
    this.forwardDropped.inc({ reason }, spans);
  }
  onCommit(info: { spans: number; requests: number; seconds: number }): void {
    this.batchSpans.observe(info.spans);
    this.batchRequests.observe(info.requests);
    this.commitSeconds.observe(info.seconds);
  }
  onCommitFailed(): void {
    this.commitFailures.inc();
  }
}
