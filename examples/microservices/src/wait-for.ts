import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` every `everyMs` until it returns a value; undefined when `timeoutMs` passes first. */
export async function pollFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100, signal?: AbortSignal): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() >= deadline || signal?.aborted) return undefined;
    await sleep(everyMs, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
}

/** Resolves true once GET `url` answers 200 (a server that is up and ready), false after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs: number): Promise<boolean> {
  const ok = await pollFor(async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok ? true : undefined;
  }, timeoutMs);
  return ok === true;
}

/** The services that have spans in a trace, read through Skein's Jaeger API; undefined while it is not stored. */
export async function servicesInTrace(queryUrl: string, traceId: string): Promise<Set<string> | undefined> {
  const res = await fetch(`${queryUrl}/api/traces/${traceId}`, { signal: AbortSignal.timeout(5_000) });
  if (res.status !== 200) {
    await res.arrayBuffer();
    return undefined;
  }
  const body = (await res.json()) as { data?: Array<{ processes?: Record<string, { serviceName?: string }> }> };
  const processes = body.data?.[0]?.processes;
  if (processes === undefined) return undefined;
  return new Set(Object.values(processes).map((p) => p.serviceName ?? ''));
}
