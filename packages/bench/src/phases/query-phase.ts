import { measureSearch, measureTraceById, type KnownTrace } from '../measure/query-latency.js';
import type { PayloadPool } from '../payload/payload-pool.js';
import type { BenchResults } from '../report/bench-results.js';
import type { SkeinProcess } from '../server/skein-process.js';

/** mulberry32: the sample of trace ids is reproducible run to run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct traces from acknowledged sends, spread over the whole run. */
export function sampleKnownTraces(pool: PayloadPool, acknowledged: Uint8Array, count: number, seed: number): KnownTrace[] {
  const random = prng(seed);
  const acked: number[] = [];
  for (let send = 0; send < acknowledged.length; send++) if (acknowledged[send]) acked.push(send);
  if (acked.length === 0) throw new Error('no request was acknowledged: nothing to look up');
  const picked = new Map<string, KnownTrace>();
  for (let attempts = 0; picked.size < count && attempts < count * 100; attempts++) {
    const traces = pool.tracesOfSend(acked[Math.floor(random() * acked.length)]!);
    const t = traces[Math.floor(random() * traces.length)]!;
    picked.set(t.traceId, t);
  }
  return [...picked.values()];
}

/** The search the DESIGN.md target names: one service, a numeric attribute condition, a minimum duration. */
export const SEARCH_PARAMS = new URLSearchParams([
  ['service', 'checkout'],
  ['attr', 'http.response.status_code>=500'],
  ['minDuration', '100ms'],
  ['limit', '20'],
]);

export async function runQueryPhase(server: SkeinProcess, known: readonly KnownTrace[], storedSpans: number, searchRuns: number): Promise<BenchResults['queries']> {
  const [first, ...rest] = known;
  if (!first || rest.length < 2) throw new Error('need at least 3 known traces');
  // The very first lookup after a restart pays for opening tables and cold caches; it is reported alone.
  const firstLookup = await measureTraceById(server.urls.query, 'skein', [first]);
  const half = Math.ceil(rest.length / 2);
  const traceByIdSkein = await measureTraceById(server.urls.query, 'skein', rest.slice(0, half));
  const traceByIdJaeger = await measureTraceById(server.urls.query, 'jaeger', rest.slice(half));
  const search = await measureSearch(server.urls.query, SEARCH_PARAMS, searchRuns + 1);
  return {
    storedSpans,
    firstLookupAfterRestartMs: firstLookup.latency.medianMs,
    ...(firstLookup.firstWrongAnswer ? { firstLookupWrong: firstLookup.firstWrongAnswer } : {}),
    traceByIdSkein,
    traceByIdJaeger,
    search,
  };
}
