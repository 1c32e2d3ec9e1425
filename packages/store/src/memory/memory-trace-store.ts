import { anyValueToString, SkeinError, spanServiceName, type Span } from '@skein/model';
import { remoteServicesOf } from '../semantics/remote-service.js';
import type {
  DependencyLink,
  DependencyQuery,
  Operation,
  OperationQuery,
  SpanOutline,
  RetentionPolicy,
  RetentionResult,
  ServiceGraph,
  ServiceGraphQuery,
  StoreStats,
  TraceQuery,
  TraceRef,
  TraceStore,
} from '../trace-store.js';
import { dayNameOfNumber, dayNumberOfNanos, isDayExpired } from '../semantics/partition-day.js';
import { compareSpansInTrace } from '../semantics/span-order.js';
import { outlineOfSpan } from '../semantics/span-outline.js';
import { compareTraceRefs } from '../semantics/trace-ref-order.js';
import { spanPredicate } from '../semantics/span-predicate.js';
import { deriveDependencyLinks } from '../semantics/dependency-links.js';
import { deriveServiceGraph } from '../semantics/service-graph.js';
import { estimateSpanBytes } from './estimate-span-bytes.js';

interface DayPartition {
  readonly traceIds: Set<string>;
  spanCount: number;
  estimatedBytes: number;
}

const DEFAULT_VALUE_LIMIT = 1000;

/**
 * The reference TraceStore: everything in plain JS maps, searched by scanning. It defines the
 * semantics the contract suite checks and backs `--storage memory` and query-API tests.
 * Spans are kept by reference (they are immutable by contract) and partitioned by UTC day of
 * start, like the on-disk stores, so retention behaves the same.
 */
export class MemoryTraceStore implements TraceStore {
  private readonly traces = new Map<string, Span[]>();
  private readonly days = new Map<number, DayPartition>();
  private closed = false;

  async writeBatch(spans: readonly Span[]): Promise<void> {
    this.assertOpen();
    for (const span of spans) {
      const list = this.traces.get(span.traceId);
      if (list) list.push(span);
      else this.traces.set(span.traceId, [span]);
      const day = dayNumberOfNanos(span.startTimeUnixNano);
      let partition = this.days.get(day);
      if (!partition) this.days.set(day, (partition = { traceIds: new Set(), spanCount: 0, estimatedBytes: 0 }));
      partition.traceIds.add(span.traceId);
      partition.spanCount++;
      partition.estimatedBytes += estimateSpanBytes(span);
    }
  }

  async getTrace(traceId: string): Promise<Span[]> {
    this.assertOpen();
    return [...(this.traces.get(traceId) ?? [])].sort(compareSpansInTrace);
  }

  async getTraceOutline(traceId: string): Promise<SpanOutline[]> {
    return (await this.getTrace(traceId.toLowerCase())).map(outlineOfSpan);
  }

  async getSpansById(traceId: string, spanId: string): Promise<Span[]> {
    const id = spanId.toLowerCase();
    return (await this.getTrace(traceId.toLowerCase())).filter((s) => s.spanId === id);
  }

  async getTraces(traceIds: readonly string[]): Promise<Span[][]> {
    this.assertOpen();
    const out: Span[][] = [];
    for (const id of traceIds) {
      const spans = await this.getTrace(id);
      if (spans.length > 0) out.push(spans);
    }
    return out;
  }

  async findTraceIds(query: TraceQuery): Promise<TraceRef[]> {
    this.assertOpen();
    const matches = spanPredicate(query);
    const refs: TraceRef[] = [];
    for (const [traceId, spans] of this.traces) {
      let start: bigint | undefined;
      let longest: bigint | undefined;
      for (const span of spans) {
        if (!matches(span)) continue;
        const duration = span.endTimeUnixNano - span.startTimeUnixNano;
        if (start === undefined || span.startTimeUnixNano < start) start = span.startTimeUnixNano;
        if (longest === undefined || duration > longest) longest = duration;
      }
      if (start !== undefined && longest !== undefined) refs.push({ traceId, startTimeUnixNano: start, durationNanos: longest });
    }
    refs.sort(compareTraceRefs(query.sort ?? 'newest'));
    return refs.slice(0, Math.max(0, query.limit));
  }

  async findTraces(query: TraceQuery): Promise<Span[][]> {
    const refs = await this.findTraceIds(query);
    return this.getTraces(refs.map((r) => r.traceId));
  }

  async getServices(): Promise<string[]> {
    this.assertOpen();
    const services = new Set<string>();
    for (const span of this.allSpans()) services.add(spanServiceName(span));
    return [...services].sort();
  }

  async getOperations(query: OperationQuery): Promise<Operation[]> {
    this.assertOpen();
    const seen = new Map<string, Operation>();
    for (const span of this.allSpans()) {
      if (spanServiceName(span) !== query.serviceName) continue;
      if (query.spanKind !== undefined && span.kind !== query.spanKind) continue;
      seen.set(JSON.stringify([span.name, span.kind]), { name: span.name, spanKind: span.kind });
    }
    return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.spanKind - b.spanKind));
  }

  async getRemoteServices(serviceName: string): Promise<string[]> {
    this.assertOpen();
    const remotes = new Set<string>();
    for (const span of this.allSpans()) {
      if (spanServiceName(span) !== serviceName) continue;
      for (const remote of remoteServicesOf(span)) remotes.add(remote);
    }
    return [...remotes].sort();
  }

  async getDependencies(query: DependencyQuery): Promise<DependencyLink[]> {
    this.assertOpen();
    const windowStart = query.endTimeNanos - query.lookbackNanos;
    const inWindow = [...this.traces.values()].filter((spans) =>
      spans.some((s) => s.startTimeUnixNano >= windowStart && s.startTimeUnixNano < query.endTimeNanos),
    );
    return deriveDependencyLinks(inWindow, windowStart, query.endTimeNanos);
  }

  async getServiceGraph(query: ServiceGraphQuery): Promise<ServiceGraph> {
    this.assertOpen();
    const { startTimeNanos: start, endTimeNanos: end } = query;
    if (end <= start) return { nodes: [], edges: [] };
    const inWindow = [...this.traces.values()].filter((spans) => spans.some((s) => s.startTimeUnixNano >= start && s.startTimeUnixNano < end));
    return deriveServiceGraph(inWindow, start, end);
  }

  async getAttributeKeys(): Promise<string[]> {
    this.assertOpen();
    const keys = new Set<string>();
    for (const span of this.allSpans()) {
      for (const a of span.attributes) keys.add(a.key);
      for (const a of span.resource.attributes) keys.add(a.key);
    }
    return [...keys].sort();
  }

  async getAttributeValues(key: string, limit = DEFAULT_VALUE_LIMIT): Promise<string[]> {
    this.assertOpen();
    const values = new Set<string>();
    for (const span of this.allSpans()) {
      for (const a of span.attributes) if (a.key === key) values.add(anyValueToString(a.value));
      for (const a of span.resource.attributes) if (a.key === key) values.add(anyValueToString(a.value));
    }
    return [...values].sort().slice(0, Math.max(0, limit));
  }

  async applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    this.assertOpen();
    const now = policy.nowNanos ?? BigInt(Date.now()) * 1_000_000n;
    const dropped: string[] = [];
    let droppedSpans = 0;
    const ordered = [...this.days.keys()].sort((a, b) => a - b);
    let bytes = ordered.reduce((sum, d) => sum + this.days.get(d)!.estimatedBytes, 0);
    for (const day of ordered) {
      const expired = policy.maxAgeNanos !== undefined && isDayExpired(day, policy.maxAgeNanos, now);
      const overSize = policy.maxBytes !== undefined && bytes > policy.maxBytes;
      if (!expired && !overSize) continue;
      const partition = this.days.get(day)!;
      bytes -= partition.estimatedBytes;
      droppedSpans += this.dropDay(day, partition);
      dropped.push(dayNameOfNumber(day));
    }
    return { droppedPartitions: dropped, droppedSpans };
  }

  async getStats(): Promise<StoreStats> {
    this.assertOpen();
    const ordered = [...this.days.keys()].sort((a, b) => a - b);
    return {
      spanCount: ordered.reduce((sum, d) => sum + this.days.get(d)!.spanCount, 0),
      bytesOnDisk: 0,
      partitions: ordered.map(dayNameOfNumber),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private dropDay(day: number, partition: DayPartition): number {
    for (const traceId of partition.traceIds) {
      const kept = this.traces.get(traceId)!.filter((s) => dayNumberOfNanos(s.startTimeUnixNano) !== day);
      if (kept.length > 0) this.traces.set(traceId, kept);
      else this.traces.delete(traceId);
    }
    this.days.delete(day);
    return partition.spanCount;
  }

  private *allSpans(): Iterable<Span> {
    for (const spans of this.traces.values()) yield* spans;
  }

  private assertOpen(): void {
    if (this.closed) throw new SkeinError('SKEIN_ERR_INTERNAL', 'the trace store is closed');
  }
}
