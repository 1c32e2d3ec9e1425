import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { SkeinError, type Span } from '@skein/model';
import { summarizeIngest, type IngestPipeline, type IngestResult } from '@skein/pipeline';
import { DropLog, type WarnLogger } from './drop-log.js';

/**
 * Per-datagram outcomes, for metrics: 'ok', 'partial' (some spans rejected) or the error code
 * the datagram was dropped for. Same shape as ReceiverObserver.onRequest, so one metrics class
 * can implement both.
 */
export interface UdpReceiverObserver {
  onDatagram(receiver: string, outcome: string): void;
}

export interface UdpReceiver {
  /** The bound port (the one the OS chose when 0 was asked). */
  readonly port: number;
  readonly address: string;
  /** Stops receiving, then waits for the datagrams already being ingested. */
  close(): Promise<void>;
}

export interface UdpReceiverOptions {
  /** Receiver name in metrics and logs (`jaeger-compact`, `xray-udp`...). */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly maxDatagramBytes?: number;
  /** One datagram → spans; throws SkeinError for a bad one (anything else counts as SKEIN_ERR_INVALID_PAYLOAD). */
  readonly decode: (datagram: Buffer) => readonly Span[];
  readonly pipeline: IngestPipeline;
  readonly observer?: UdpReceiverObserver;
  readonly logger?: WarnLogger;
  /** Datagrams decoded and waiting for their spans to be durable; past it, datagrams are dropped. */
  readonly maxDatagramsInFlight?: number;
  readonly receiveBufferBytes?: number;
}

/** Below the 65,507-byte UDP payload limit, with room for what clients send as "max packet size". */
export const DEFAULT_MAX_DATAGRAM_BYTES = 65_000;
/**
 * Ingests are async (group commit), so datagrams keep arriving while earlier ones wait for the
 * store. 1024 datagrams of ≤64 KB bound the memory they hold to ~64 MB; past that the store is
 * not keeping up and waiting longer would only grow memory.
 */
export const DEFAULT_MAX_DATAGRAMS_IN_FLIGHT = 1024;
/**
 * The kernel queues datagrams the process has not read yet in the socket's receive buffer, and
 * silently discards what does not fit. Linux's default (~200 KB) holds only a few hundred small
 * datagrams, which a burst from a busy client fills while a commit runs. Raising it is best
 * effort: Linux caps it at net.core.rmem_max unless the process is privileged.
 */
export const DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * A UDP receiver: every datagram is decoded and ingested on its own. UDP has no reply, so
 * nothing is answered and nothing is thrown: every datagram dropped (too large, undecodable,
 * rejected by the pipeline, over the in-flight bound, store overloaded) is counted by reason
 * (observer) and logged at warn level, rate-limited (DropLog). A socket error is logged and the
 * socket keeps receiving. Resolves once bound; rejects if the port cannot be bound.
 */
export async function startUdpReceiver(opts: UdpReceiverOptions): Promise<UdpReceiver> {
  const { name, pipeline, observer } = opts;
  const maxBytes = opts.maxDatagramBytes ?? DEFAULT_MAX_DATAGRAM_BYTES;
  const maxInFlight = opts.maxDatagramsInFlight ?? DEFAULT_MAX_DATAGRAMS_IN_FLIGHT;
  const drops = new DropLog(name, opts.logger);
  const inFlight = new Set<Promise<void>>();
  let closing: Promise<void> | undefined;

  const drop = (code: string, detail: string): void => {
    observer?.onDatagram(name, code);
    drops.record(code, 'datagram', clip(detail));
  };

  const onIngested = (result: IngestResult): void => {
    if (result.rejected.length === 0) {
      observer?.onDatagram(name, 'ok');
      return;
    }
    // The pipeline's observer already counts rejected spans by reason; here they are logged.
    const byCode = new Map<string, number>();
    for (const r of result.rejected) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
    for (const [code, n] of byCode) drops.record(code, 'span', clip(summarizeIngest(result, 1)), n);
    observer?.onDatagram(name, result.accepted > 0 ? 'partial' : 'SKEIN_ERR_NO_SPANS_ACCEPTED');
  };

  const onDatagram = (datagram: Buffer): void => {
    if (closing) return;
    if (datagram.length > maxBytes) return drop('SKEIN_ERR_DATAGRAM_TOO_LARGE', `${datagram.length} bytes, more than ${maxBytes}`);
    if (inFlight.size >= maxInFlight) return drop('SKEIN_ERR_OVERLOADED', `${inFlight.size} datagrams are waiting for the store`);
    let spans: readonly Span[];
    try {
      spans = opts.decode(datagram);
    } catch (e) {
      const err = e instanceof SkeinError ? e : new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', e instanceof Error ? e.message : String(e));
      return drop(err.code, err.message);
    }
    if (spans.length === 0) {
      observer?.onDatagram(name, 'ok');
      return;
    }
    // The pipeline may refuse (SKEIN_ERR_OVERLOADED, SKEIN_ERR_SHUTTING_DOWN) or fail to store:
    // a UDP client cannot be asked to retry, so it is a counted drop.
    const ingest = pipeline.ingest(name, spans).then(onIngested, (e: unknown) => {
      const err = e instanceof SkeinError ? e : new SkeinError('SKEIN_ERR_STORE_FAILED', e instanceof Error ? e.message : String(e));
      drop(err.code, err.message);
    });
    const tracked = ingest.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  const socket = await bind(opts.host, opts.port);
  try {
    socket.setRecvBufferSize(opts.receiveBufferBytes ?? DEFAULT_RECEIVE_BUFFER_BYTES);
  } catch (err) {
    opts.logger?.warn({ receiver: name, err }, `${name}: could not raise the socket receive buffer; bursts may be lost`);
  }
  socket.on('message', onDatagram);
  socket.on('error', (err) => opts.logger?.warn({ receiver: name, err }, `${name}: socket error (still receiving)`));
  const { address, port } = socket.address();

  return {
    port,
    address,
    close(): Promise<void> {
      closing ??= (async () => {
        await new Promise<void>((resolve) => socket.close(() => resolve()));
        await Promise.allSettled([...inFlight]);
        drops.flush();
      })();
      return closing;
    },
  };
}

function bind(host: string, port: number): Promise<Socket> {
  const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
  return new Promise<Socket>((resolve, reject) => {
    const onError = (err: Error): void => {
      socket.close();
      reject(err);
    };
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

const clip = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}…` : s);
