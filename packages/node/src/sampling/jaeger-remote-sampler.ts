import { diag } from '@opentelemetry/api';
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from './sampler.js';
import { TraceIdRatioSampler } from './trace-id-ratio-sampler.js';
import { parseJaegerStrategy } from './jaeger-strategy.js';
import type { JaegerStrategy } from './jaeger-strategy.js';
import { samplerForStrategy } from './sampler-for-strategy.js';
import { fetchJson } from './fetch-json.js';
import { defaultClock } from './token-bucket.js';
import type { MonotonicClock } from './token-bucket.js';

export interface JaegerRemoteSamplerOptions {
  /** The strategies URL, e.g. http://localhost:5778/sampling; `?service=` is added to it. */
  readonly endpoint: string;
  readonly serviceName: string;
  /** Default 60000 (OpenTelemetry's default for this sampler). */
  readonly pollingIntervalMs?: number;
  /** Used until the first strategy arrives. Default: TraceIdRatioBased{0.001}. */
  readonly initialSampler?: Sampler;
  /** Default: the polling interval, at most 10 s. */
  readonly requestTimeoutMs?: number;
  /** Monotonic milliseconds, for the rate limiters and the failure log. */
  readonly clock?: MonotonicClock;
}

export const DEFAULT_POLLING_INTERVAL_MS = 60_000;
export const DEFAULT_INITIAL_SAMPLING_RATE = 0.001;
/** A server that stays down is reported again at most this often. */
const FAILURE_LOG_INTERVAL_MS = 5 * 60_000;

/**
 * OpenTelemetry's `jaeger_remote` sampler over HTTP: polls `GET {endpoint}?service={service}`
 * (Jaeger agent `/sampling`, Jaeger or Skein query `/api/sampling`) and samples by the strategy
 * it gets: probabilistic, rate limiting, or per operation (by span name). A failed poll keeps
 * the last strategy. The timer is unref'd (it never keeps the process alive) and stops on
 * `shutdown()`. Decisions ignore the parent; wrap it in ParentBasedSampler to follow parents.
 */
export class JaegerRemoteSampler implements Sampler {
  private current: Sampler;
  /** The strategy in effect, serialized: an unchanged strategy keeps its sampler and buckets. */
  private currentStrategyKey: string | undefined;
  private readonly url: URL | undefined;
  private readonly pollingIntervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly clock: MonotonicClock;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private failing = false;
  private lastFailureLoggedAt = -Infinity;

  constructor(options: JaegerRemoteSamplerOptions) {
    this.current = options.initialSampler ?? new TraceIdRatioSampler(DEFAULT_INITIAL_SAMPLING_RATE);
    this.url = strategiesUrl(options.endpoint, options.serviceName);
    const interval = options.pollingIntervalMs ?? DEFAULT_POLLING_INTERVAL_MS;
    this.pollingIntervalMs = Number.isFinite(interval) && interval > 0 ? interval : DEFAULT_POLLING_INTERVAL_MS;
    this.requestTimeoutMs = options.requestTimeoutMs ?? Math.min(this.pollingIntervalMs, 10_000);
    this.clock = options.clock ?? defaultClock;
    if (this.url === undefined) {
      diag.warn(`Jaeger remote sampler: ${JSON.stringify(options.endpoint)} is not an http(s) URL; keeping ${this.current.toString()}`);
      this.stopped = true;
    }
    this.schedule(0);
  }

  shouldSample(
    parentContext: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: readonly Link[],
  ): SamplingResult {
    return this.current.shouldSample(parentContext, traceId, spanName, spanKind, attributes, links);
  }

  /** The sampler currently deciding (for diagnostics and tests). */
  get delegate(): Sampler {
    return this.current;
  }

  /**
   * Fetches the strategy now and adopts it. Resolves true when a strategy was applied, false
   * when the poll failed (the previous one stays). Never rejects.
   */
  async update(): Promise<boolean> {
    if (this.url === undefined) return false;
    const fetched = await fetchJson(this.url, this.requestTimeoutMs);
    if (this.stopped) return false;
    if (!fetched.ok) return this.failed(fetched.error);
    const parsed = parseJaegerStrategy(fetched.body);
    if (!parsed.ok) return this.failed(`unusable strategy: ${parsed.error}`);
    this.adopt(parsed.strategy);
    return true;
  }

  /** Stops polling; the last strategy keeps deciding. */
  shutdown(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  toString(): string {
    return `JaegerRemoteSampler{endpoint=${this.endpointText()}, current=${this.current.toString()}}`;
  }

  private adopt(strategy: JaegerStrategy): void {
    if (this.failing) diag.info(`Jaeger remote sampler: ${this.endpointText()} answers again`);
    this.failing = false;
    const key = JSON.stringify(strategy);
    if (key === this.currentStrategyKey) return;
    this.current = samplerForStrategy(strategy, this.clock);
    this.currentStrategyKey = key;
    diag.debug(`Jaeger remote sampler: now ${this.current.toString()}`);
  }

  private failed(error: string): false {
    const now = this.clock();
    // The first failure after a success is always reported; a server that stays down is not
    // reported on every poll.
    if (!this.failing || now - this.lastFailureLoggedAt >= FAILURE_LOG_INTERVAL_MS) {
      diag.warn(`Jaeger remote sampler: could not get the sampling strategy from ${this.endpointText()} (${error}); keeping ${this.current.toString()}`);
      this.lastFailureLoggedAt = now;
    }
    this.failing = true;
    return false;
  }

  private endpointText(): string {
    return this.url === undefined ? 'nowhere' : this.url.href;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update().then(() => this.schedule(this.pollingIntervalMs));
    }, delayMs);
    this.timer.unref();
  }
}

/** The endpoint with `service` set, or undefined when it is not an http(s) URL. */
export function strategiesUrl(endpoint: string, serviceName: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.searchParams.set('service', serviceName);
  return url;
}
