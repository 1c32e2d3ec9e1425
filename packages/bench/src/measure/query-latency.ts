import http from 'node:http';
import { summarize, type LatencySummary } from './stats.js';
import { timedGet } from './timed-get.js';

export interface KnownTrace {
  readonly traceId: string;
  readonly spanCount: number;
}

export interface TraceByIdLatency {
  readonly api: 'skein' | 'jaeger';
  readonly latency: LatencySummary;
  /** Lookups whose answer was not the whole trace (wrong status or span count). */
  readonly wrongAnswers: number;
  readonly firstWrongAnswer?: string;
}

/** Span count in a trace-by-id answer: Skein `{spans}`, Jaeger `{data: [{spans}]}`. */
function spansInAnswer(api: 'skein' | 'jaeger', body: string): number {
  const json = JSON.parse(body) as { spans?: unknown[]; data?: { spans?: unknown[] }[] };
  return (api === 'skein' ? json.spans : json.data?.[0]?.spans)?.length ?? 0;
}

/**
 * Fetches each known trace once by id and checks the answer holds all its spans. Every id is
 * distinct, so no answer can come from a cache of an earlier identical query.
 */
export async function measureTraceById(queryUrl: string, api: 'skein' | 'jaeger', traces: readonly KnownTrace[]): Promise<TraceByIdLatency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let wrongAnswers = 0;
  let firstWrongAnswer: string | undefined;
  try {
    for (const t of traces) {
      const path = api === 'skein' ? `/api/skein/traces/${t.traceId}` : `/api/traces/${t.traceId}`;
      const res = await timedGet(`${queryUrl}${path}`, agent);
      times.push(res.ms);
      const spans = res.status === 200 ? spansInAnswer(api, res.body) : -1;
      if (spans !== t.spanCount) {
        wrongAnswers++;
        firstWrongAnswer ??= `${path}: status ${res.status}, ${spans} spans, expected ${t.spanCount}: ${res.body.slice(0, 200)}`;
      }
    }
  } finally {
    agent.destroy();
  }
  return { api, latency: summarize(times), wrongAnswers, ...(firstWrongAnswer ? { firstWrongAnswer } : {}) };
}

export interface SearchLatency {
  readonly path: string;
  /** The first run, before DuckDB's buffers and the OS cache hold what the query reads. */
  readonly firstRunMs: number;
  /** The runs after the first. */
  readonly latency: LatencySummary;
  readonly tracesFound: number;
}

/** Runs the same Skein search `runs` times in a row. */
export async function measureSearch(queryUrl: string, params: URLSearchParams, runs: number): Promise<SearchLatency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const path = `/api/skein/traces?${params.toString()}`;
  const times: number[] = [];
  let tracesFound = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const res = await timedGet(`${queryUrl}${path}`, agent);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.body.slice(0, 300)}`);
      tracesFound = (JSON.parse(res.body) as { traces: unknown[] }).traces.length;
      times.push(res.ms);
    }
  } finally {
    agent.destroy();
  }
  return { path, firstRunMs: times[0]!, latency: summarize(times.slice(1)), tracesFound };
}
