import { randomBytes } from 'node:crypto';

/** One OTLP/JSON request holding `spans` spans of one new trace; returns the body and trace id. */
export function otlpJsonRequest(spans: number, service = 'durability'): { traceId: string; body: string } {
  const traceId = randomBytes(16).toString('hex');
  const now = BigInt(Date.now()) * 1_000_000n;
  const list = Array.from({ length: spans }, (_, i) => ({
    traceId,
    spanId: randomBytes(8).toString('hex'),
    name: `op-${i % 5}`,
    kind: 2,
    startTimeUnixNano: String(now + BigInt(i) * 1000n),
    endTimeUnixNano: String(now + BigInt(i) * 1000n + 500_000n),
    attributes: [
      { key: 'http.request.method', value: { stringValue: 'GET' } },
      { key: 'http.response.status_code', value: { intValue: String(200 + (i % 3)) } },
      { key: 'i', value: { intValue: i } },
    ],
  }));
  return { traceId, body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans: list }] }] }) };
}

export interface LoadResult {
  /** Trace ids whose request got a 200 before the load stopped. */
  readonly acknowledged: string[];
  /** Trace ids whose request was sent but got no answer or an error. */
  readonly unacknowledged: string[];
}

/**
 * Sends OTLP/JSON requests from `concurrency` loops until `stop()` says so (bounded by
 * `maxRequests`), recording which were acknowledged.
 */
export async function sendUntil(url: string, opts: { concurrency: number; spansPerRequest: number; maxRequests: number; stop: (acked: number) => boolean }): Promise<LoadResult> {
  const acknowledged: string[] = [];
  const unacknowledged: string[] = [];
  let sent = 0;
  const loop = async () => {
    while (sent < opts.maxRequests && !opts.stop(acknowledged.length)) {
      sent++;
      const { traceId, body } = otlpJsonRequest(opts.spansPerRequest);
      try {
        const res = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        (res.status === 200 ? acknowledged : unacknowledged).push(traceId);
      } catch {
        unacknowledged.push(traceId);
        return; // the server is gone
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  return { acknowledged, unacknowledged };
}
