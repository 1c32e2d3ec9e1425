import { createRequire } from 'node:module';

export interface LoadSettings {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** 1: one request in flight per connection, as browsers and most HTTP clients send. */
  readonly pipelining: number;
}

export interface LoadResult {
  /** 2xx answers per second over the run (autocannon's own measured duration). */
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly seconds: number;
}

/** The part of autocannon's result this file reads (the package ships no types). */
interface AutocannonResult {
  readonly duration: number;
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latency: { readonly p50: number; readonly p99: number };
}
type Autocannon = (options: { url: string; connections: number; duration: number; pipelining: number }) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Keep-alive GET load on one URL from this process for a fixed time. */
export async function runLoad(settings: LoadSettings): Promise<LoadResult> {
  const r = await autocannon({ url: settings.url, connections: settings.connections, duration: settings.seconds, pipelining: settings.pipelining });
  return {
    requestsPerSecond: r['2xx'] / r.duration,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    seconds: r.duration,
  };
}
