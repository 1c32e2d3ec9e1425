import { loadGeneratorSpanJson, type SentRequest } from './load-generator-span.js';
import { newSpanId, newTraceId, traceparent } from './trace-context.js';

export interface LoadGeneratorOptions {
  /** What to GET (api-01's home page). */
  readonly targetUrl: string;
  /** Requests started per second. */
  readonly rate: number;
  /** Stop after this many requests; without it, run until stop(). */
  readonly requests?: number;
  /** Skein's OTLP/HTTP traces URL, for the generator's own client spans. */
  readonly otlpTracesUrl: string;
  /** Called once per request, when its answer (or failure) is in. */
  readonly onResult: (result: SentRequest) => void;
  readonly requestTimeoutMs?: number;
}

export interface LoadGenerator {
  /** Resolves once `requests` requests have been answered (or after stop()). */
  readonly done: Promise<void>;
  /** Starts no more requests; waits for those in flight, aborting them after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Why a request got no answer, in one word where Node gives one (ECONNREFUSED, TimeoutError...). */
const failureName = (err: unknown): string => {
  const e = err as { cause?: { code?: string }; name?: string; message?: string };
  return e.cause?.code ?? e.name ?? String(err);
};

/**
 * A few requests per second to api-01, each with its own `traceparent` so the launcher knows
 * every trace id without asking Skein. Requests are started on a fixed schedule, not one after
 * another, so a slow api-03 (2 s by default) does not slow the rate down.
 */
export function startLoadGenerator(options: LoadGeneratorOptions): LoadGenerator {
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let stopped = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const limitReached = () => options.requests !== undefined && sent >= options.requests;

  const sendOne = async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const startMs = performance.timeOrigin + performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(options.requestTimeoutMs ?? 30_000)]);
      const res = await fetch(options.targetUrl, { headers: { traceparent: traceparent(traceId, spanId) }, signal });
      await res.arrayBuffer();
      status = res.status;
    } catch (err) {
      error = failureName(err);
    }
    const result: SentRequest = { traceId, spanId, url: options.targetUrl, startMs, endMs: performance.timeOrigin + performance.now(), status, ...(error === undefined ? {} : { error }) };
    options.onResult(result);
    // The generator's span is best effort: a demo without it still works, the trace just lacks its root.
    await fetch(options.otlpTracesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: loadGeneratorSpanJson(result), signal: AbortSignal.timeout(5_000) }).then(
      (res) => res.arrayBuffer(),
      () => undefined,
    );
  };

  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => {
      inFlight.delete(p);
      if ((stopped || limitReached()) && inFlight.size === 0) resolveDone();
    });
  };

  const tick = () => {
    if (stopped || limitReached()) {
      clearInterval(timer);
      return;
    }
    sent++;
    track(sendOne());
  };
  const timer = setInterval(tick, 1000 / options.rate);
  tick();
  if (options.requests === 0) resolveDone();

  return {
    done,
    async stop(graceMs = 5_000) {
      stopped = true;
      clearInterval(timer);
      if (inFlight.size === 0) resolveDone();
      const cut = setTimeout(() => abort.abort(), graceMs);
      await done;
      clearTimeout(cut);
    },
  };
}
