import http from 'node:http';
import type { Span } from '@skein/model';
import { encodeOtlpProtobuf } from '@skein/wire';
import { post } from '../load/http-post.js';

/** Spans per request: ~1 MB of protobuf, far under the server's 20 MiB body limit. */
const SPANS_PER_REQUEST = 2_500;

/**
 * Sends one trace to Skein's OTLP/HTTP receiver as protobuf, in requests of SPANS_PER_REQUEST
 * (an SDK exporting a long-running job sends it in batches too), and resolves once every request
 * was acknowledged, so the trace is durable and whole. Throws on any rejection.
 */
export async function ingestTrace(otlpHttpUrl: string, spans: readonly Span[]): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const url = new URL(`${otlpHttpUrl}/v1/traces`);
  const batches: Array<readonly Span[]> = [];
  for (let from = 0; from < spans.length; from += SPANS_PER_REQUEST) batches.push(spans.slice(from, from + SPANS_PER_REQUEST));
  // Two requests in flight: the bench must not measure its own overload, nor wait on one round trip at a time.
  const sendNext = async (): Promise<void> => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const res = await post(url, agent, 'application/x-protobuf', Buffer.from(encodeOtlpProtobuf(batch)));
      // An empty protobuf answer is full success; anything else names rejected spans or an error.
      if (res.status !== 200 || res.body.byteLength !== 0) throw new Error(`ingesting a ${spans.length}-span trace: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
    }
  };
  try {
    await Promise.all([sendNext(), sendNext()]);
  } finally {
    agent.destroy();
  }
}
