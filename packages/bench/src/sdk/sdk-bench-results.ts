import type { MicroRun } from './micro-job.js';
import { VARIANT_LABELS, type SdkVariant, type ServerApp } from './server-variant.js';

/** One SDK's figure for one measure, from interleaved runs, each in a fresh process. */
export interface MicroMeasurement {
  /** The best (lowest) run: other processes on a shared machine can only add time, never take it away. */
  readonly nsPerSpan: number;
  /** The median run (allocation hardly varies between runs). */
  readonly bytesPerSpan: number;
  readonly encodedBytesPerSpan?: number;
  readonly runs: readonly MicroRun[];
}

/** @skein/node and OpenTelemetry JS on the same workload; `error` when either side failed. */
export interface SdkComparison {
  readonly skein?: MicroMeasurement;
  readonly otel?: MicroMeasurement;
  readonly error?: string;
}

export interface SdkMicroResults {
  readonly rounds: number;
  readonly spansPerRun: number;
  readonly encodeSpansPerRequest: number;
  readonly encodeRequestsPerRun: number;
  /** start + 3 attributes + end + BatchSpanProcessor enqueue, default (parent-based always-on) sampler. */
  readonly sampledSpan: SdkComparison;
  /** The same with always_off: what instrumentation costs when a span is not sampled. */
  readonly unsampledSpan: SdkComparison;
  /** OTLP protobuf encoding of realistic spans (~10 attributes), per span. */
  readonly encode: SdkComparison;
}

/** One timed load run against one server variant. */
export interface HttpRun {
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** The server process's CPU time over the timed run ÷ its duration (1 = one core busy). */
  readonly serverCpuShare: number;
  /** Its CPU time per answered request: the tracing overhead with the load generator's limits taken out. */
  readonly serverCpuUsPerRequest: number;
  /** autocannon's (this process's) CPU share: near 1 means the load generator, not the server, set the pace. */
  readonly loadGeneratorCpuShare: number;
  /** 2xx answers of the warm-up and the timed run together: the requests the server traced. */
  readonly requestsServed: number;
  /** Spans the sink received from this server process (after the last batch was due). */
  readonly spansReceived: number;
}

export interface HttpVariantResult {
  readonly app: ServerApp;
  readonly variant: SdkVariant;
  /** Median over the runs; NaN when the variant failed. */
  readonly requestsPerSecond: number;
  /** 1 − req/s ÷ bare req/s of the same app (0.12 = 12 % fewer requests per second); undefined for bare. */
  readonly loss: number | undefined;
  /** Median of the runs' server CPU time per request. */
  readonly serverCpuUsPerRequest: number;
  /**
   * 1 − bare CPU per request ÷ this variant's: the loss a server with a core to itself would
   * show. Steadier than `loss` when other processes share the machine; undefined for bare.
   */
  readonly cpuLoss: number | undefined;
  /** Spans received ÷ requests served over every run: ~1 for a traced variant, 0 for bare. */
  readonly spansPerRequest: number;
  readonly runs: readonly HttpRun[];
  readonly error?: string;
}

export interface SdkHttpResults {
  readonly connections: number;
  readonly pipelining: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly rounds: number;
  readonly variants: readonly HttpVariantResult[];
}

export type SdkBenchResults =
  | { readonly status: 'measured'; readonly seconds: number; readonly micro?: SdkMicroResults; readonly http?: SdkHttpResults }
  | { readonly status: 'skipped'; readonly reason: string };

/** DESIGN.md's SDK targets. */
export const SPAN_TARGET_NS = 500;
export const ENCODE_TARGET_NS = 1000;
export const HTTP_LOSS_TARGET = 0.15;
/** A traced variant must deliver about one span per request, or its speed proves nothing. */
export const MIN_TRACED_SPANS_PER_REQUEST = 0.9;

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? sorted[n >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function summarizeMicroRuns(runs: readonly MicroRun[]): MicroMeasurement {
  const encoded = runs.map((r) => r.encodedBytesPerSpan).filter((b): b is number => b !== undefined);
  return {
    nsPerSpan: runs.length > 0 ? Math.min(...runs.map((r) => r.nsPerSpan)) : NaN,
    bytesPerSpan: median(runs.map((r) => r.bytesPerSpan)),
    ...(encoded.length > 0 ? { encodedBytesPerSpan: median(encoded) } : {}),
    runs,
  };
}

/** 420 → "0.42 µs"; 48 → "48 ns": targets are in µs, unsampled spans cost tens of ns. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a';
  if (ns < 100) return `${ns.toFixed(0)} ns`;
  return `${(ns / 1000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
}

const bytes = (b: number): string => (Number.isFinite(b) ? `${Math.round(b).toLocaleString('en-US')} B` : 'n/a');
const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

/** OpenTelemetry ÷ ours, said in words: "3.9× faster", "1.2× slower", "2.0× less". */
export function ratioText(ours: number, theirs: number, better: string, worse: string): string {
  if (!(ours > 0) || !(theirs > 0)) return 'n/a';
  const r = theirs / ours;
  return r >= 1 ? `${r.toFixed(1)}× ${better}` : `${(1 / r).toFixed(1)}× ${worse}`;
}

const mark = (meets: boolean): string => (meets ? ' ✓' : ' ✗');

/** The micro-benchmark table: | SDK measure | @skein/node | OpenTelemetry JS | ratio | target |. */
export function sdkMicroTable(micro: SdkMicroResults): string {
  const lines = [`| SDK measure (best of ${micro.rounds} runs each) | @skein/node | OpenTelemetry JS | ratio | target |`, '|---|---:|---:|---:|---|'];
  const pair = (label: string, c: SdkComparison, targetNs: number | undefined, unit: string): void => {
    if (c.error !== undefined || !c.skein || !c.otel) {
      lines.push(`| ${label} | ${c.skein ? formatNs(c.skein.nsPerSpan) + unit : 'FAILED'} | ${c.otel ? formatNs(c.otel.nsPerSpan) + unit : 'FAILED'} | n/a | ${c.error ?? ''} |`);
      return;
    }
    const target = targetNs === undefined ? '—' : `≤ ${formatNs(targetNs)}${unit}${mark(c.skein.nsPerSpan <= targetNs)}`;
    lines.push(`| ${label} | ${formatNs(c.skein.nsPerSpan)}${unit} | ${formatNs(c.otel.nsPerSpan)}${unit} | ${ratioText(c.skein.nsPerSpan, c.otel.nsPerSpan, 'faster', 'slower')} | ${target} |`);
    lines.push(`| … JS heap allocated per span | ${bytes(c.skein.bytesPerSpan)} | ${bytes(c.otel.bytesPerSpan)} | ${ratioText(c.skein.bytesPerSpan, c.otel.bytesPerSpan, 'less', 'more')} | — |`);
    if (c.skein.encodedBytesPerSpan !== undefined && c.otel.encodedBytesPerSpan !== undefined) {
      // Not byte-identical: OpenTelemetry JS also writes proto3 zero values (dropped counts) that may be left out.
      lines.push(`| … encoded size per span (the same spans) | ${bytes(c.skein.encodedBytesPerSpan)} | ${bytes(c.otel.encodedBytesPerSpan)} | ${(c.otel.encodedBytesPerSpan / c.skein.encodedBytesPerSpan).toFixed(2)} | — |`);
    }
  };
  pair('Span start + 3 attributes + end + batch enqueue (sampled)', micro.sampledSpan, SPAN_TARGET_NS, '');
  pair('Span not sampled (always_off), same calls', micro.unsampledSpan, undefined, '');
  pair(`OTLP protobuf encode, ~10 attributes (${micro.encodeSpansPerRequest} spans/request)`, micro.encode, ENCODE_TARGET_NS, '/span');
  return lines.join('\n');
}

/** "−12 %" for a loss, "+3 %" for a gain. */
export function formatLoss(loss: number): string {
  const pct = Math.round(loss * 100);
  return pct > 0 ? `−${pct} %` : `+${-pct} %`;
}

/** Whether the variant's numbers show real tracing: about one span per request served. */
export function isTraced(v: HttpVariantResult): boolean {
  return v.variant === 'bare' || v.spansPerRequest >= MIN_TRACED_SPANS_PER_REQUEST;
}

function httpTarget(v: HttpVariantResult): string {
  if (v.variant === 'skein' && v.loss !== undefined) return `≤ 15 % loss${mark(v.loss <= HTTP_LOSS_TARGET && isTraced(v))}`;
  if (v.variant === 'otel') return 'known: −63 to −81 %';
  return '';
}

/** "31.2 µs (+12.0)": the server's CPU per request and what tracing added to the bare figure. */
function cpuText(v: HttpVariantResult, bare: number | undefined): string {
  if (!Number.isFinite(v.serverCpuUsPerRequest)) return 'n/a';
  const delta = bare !== undefined && Number.isFinite(bare) ? v.serverCpuUsPerRequest - bare : NaN;
  const added = v.variant !== 'bare' && Number.isFinite(delta) ? ` (${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)})` : '';
  return `${v.serverCpuUsPerRequest.toFixed(1)} µs${added}`;
}

/** The throughput table: one row per server and variant. */
export function sdkHttpTable(http: SdkHttpResults): string {
  const lines = [
    `| server | variant | req/s (median of ${http.rounds}) | vs bare | target | server CPU per request | vs bare by CPU | spans received per request | p99 latency | runs (req/s) |`,
    '|---|---|---:|---:|---|---:|---:|---:|---:|---|',
  ];
  const bareCpu = new Map(http.variants.filter((v) => v.variant === 'bare').map((v) => [v.app, v.serverCpuUsPerRequest]));
  for (const v of http.variants) {
    if (v.error !== undefined) {
      lines.push(`| ${v.app} | ${VARIANT_LABELS[v.variant]} | FAILED | n/a | ${httpTarget(v)} | n/a | n/a | n/a | n/a | ${v.error.split('\n')[0]} |`);
      continue;
    }
    const traced = isTraced(v) ? '' : ' (NOT TRACED)';
    const errors = v.runs.reduce((n, r) => n + r.non2xx + r.errors, 0);
    lines.push(
      `| ${v.app} | ${VARIANT_LABELS[v.variant]} | ${int(v.requestsPerSecond)} | ${v.loss === undefined ? '—' : formatLoss(v.loss)} | ${httpTarget(v)} | ${cpuText(v, bareCpu.get(v.app))} | ${v.cpuLoss === undefined || !Number.isFinite(v.cpuLoss) ? '—' : formatLoss(v.cpuLoss)} | ${v.spansPerRequest.toFixed(2)}${traced} | ${median(v.runs.map((r) => r.latencyP99Ms)).toFixed(0)} ms | ${v.runs.map((r) => int(r.requestsPerSecond)).join(', ')}${errors > 0 ? `; ${errors} errors/non-2xx` : ''} |`,
    );
  }
  return lines.join('\n');
}

/** Both tables, or why there are none. */
export function sdkTables(results: SdkBenchResults): string {
  if (results.status === 'skipped') return `SDK benchmark SKIPPED: ${results.reason}`;
  const parts: string[] = [];
  if (results.micro) parts.push(sdkMicroTable(results.micro));
  if (results.http) parts.push(sdkHttpTable(results.http));
  return parts.join('\n\n');
}
