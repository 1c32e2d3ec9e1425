import type { Span } from '@skein/model';
import type { IngestPipeline } from '@skein/pipeline';
import { decodeXrayDatagram } from '@skein/wire';
import type { WarnLogger } from '../udp/drop-log.js';
import { startUdpReceiver, type UdpReceiver, type UdpReceiverObserver } from '../udp/udp-receiver.js';
import { DEFAULT_HOLD_MAX_AGE_MS, DEFAULT_HOLD_MAX_SPANS, HeldSegments } from './held-segments.js';

export const XRAY_UDP_RECEIVER = 'xray-udp';

export interface XrayUdpReceiverOptions {
  readonly host: string;
  /** X-Ray SDKs send to UDP 2000 (the daemon's port). */
  readonly port: number;
  readonly pipeline: IngestPipeline;
  readonly observer?: UdpReceiverObserver;
  readonly logger?: WarnLogger;
  /**
   * How long an in-progress segment waits for its completion, and a streamed subsegment for its
   * segment, before it is stored as it is (ms); also how long a span's service is remembered.
   */
  readonly holdMaxAge?: number;
  /** How many spans may be held at once (in-progress segments and streamed subsegments). */
  readonly holdMaxSpans?: number;
  /** How many span ids are remembered with their segment's service, for streamed subsegments. */
  readonly maxKnownSpanIds?: number;
  readonly maxDatagramBytes?: number;
}

/**
 * The AWS X-Ray daemon protocol on UDP: the generic UDP receiver with the X-Ray decoder, and
 * HeldSegments, which holds in-progress segments until they complete and subsegments streamed
 * on their own until their segment's service is known. Held documents that age out are stored
 * by a periodic sweep; on close, after the socket stops, whatever is still held is stored
 * before close resolves.
 */
export async function startXrayUdpReceiver(opts: XrayUdpReceiverOptions): Promise<UdpReceiver> {
  const maxAge = opts.holdMaxAge ?? DEFAULT_HOLD_MAX_AGE_MS;
  const held = new HeldSegments({ maxAgeMs: maxAge, maxSpans: opts.holdMaxSpans ?? DEFAULT_HOLD_MAX_SPANS, maxKnownSpanIds: opts.maxKnownSpanIds });
  const udp = await startUdpReceiver({
    name: XRAY_UDP_RECEIVER,
    host: opts.host,
    port: opts.port,
    decode: (datagram) => held.admit(decodeXrayDatagram(datagram)),
    pipeline: opts.pipeline,
    observer: opts.observer,
    logger: opts.logger,
    maxDatagramBytes: opts.maxDatagramBytes,
  });

  const storing = new Set<Promise<void>>();
  // What is stored here waited in vain: in-progress segments never completed, streamed
  // subsegments whose segment never came.
  const storeHeld = (spans: Span[]): void => {
    if (spans.length === 0) return;
    const done = opts.pipeline.ingest(XRAY_UDP_RECEIVER, spans).then(
      (result) => {
        if (result.rejected.length > 0) opts.logger?.warn({ receiver: XRAY_UDP_RECEIVER, rejected: result.rejected.length }, `${XRAY_UDP_RECEIVER}: ${result.rejected.length} held span(s) (never completed, or segment never seen) were rejected`);
      },
      (err: unknown) => opts.logger?.warn({ receiver: XRAY_UDP_RECEIVER, err, spans: spans.length }, `${XRAY_UDP_RECEIVER}: held spans (never completed, or segment never seen) could not be stored`),
    );
    const tracked = done.finally(() => storing.delete(tracked));
    storing.add(tracked);
  };
  // A few sweeps per max age (at least every second, at most every 10 ms): a held segment is
  // stored at most a quarter of its max age late. Unref'd: it never keeps the process alive.
  const sweep = setInterval(() => storeHeld(held.expire()), Math.min(1000, Math.max(10, maxAge / 4)));
  sweep.unref();

  let closing: Promise<void> | undefined;
  return {
    port: udp.port,
    address: udp.address,
    close(): Promise<void> {
      closing ??= (async () => {
        clearInterval(sweep);
        await udp.close();
        storeHeld(held.drain());
        await Promise.allSettled([...storing]);
      })();
      return closing;
    },
  };
}
