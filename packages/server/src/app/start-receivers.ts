import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { IngestPipeline } from '@skein/pipeline';
import {
  jaegerHttpReceiver,
  otlpHttpReceiver,
  remoteSamplingApi,
  startJaegerGrpcReceiver,
  startOtlpGrpcReceiver,
  startUdpReceiver,
  startXrayUdpReceiver,
  zipkinHttpReceiver,
} from '@skein/receivers';
import { registerZipkinQueryApi } from '@skein/query';
import type { TraceStore } from '@skein/store';
import { decodeJaegerAgentDatagram } from '@skein/wire';
import type { SkeinConfig } from '../config/options.js';
import type { SkeinMetrics } from '../observability/metrics.js';
import { createHttpApp } from './http-app.js';
import { httpUrl, listenHttp } from './listen-http.js';

/** Where each receiver listens (`udp://…` for datagram ones); absent when switched off. */
export interface ReceiverUrls {
  otlpGrpc?: string;
  otlpHttp?: string;
  zipkin?: string;
  jaegerHttp?: string;
  jaegerGrpc?: string;
  jaegerCompact?: string;
  jaegerBinary?: string;
  xray?: string;
  sampling?: string;
}

export interface RunningReceivers {
  readonly urls: ReceiverUrls;
  /** Stops every receiver, letting in-flight requests finish; held X-Ray segments are ingested. */
  close(): Promise<void>;
}

interface Deps {
  readonly config: SkeinConfig;
  readonly pipeline: IngestPipeline;
  readonly store: TraceStore | undefined;
  readonly metrics: SkeinMetrics;
  readonly logger: Logger;
}

/**
 * Starts every receiver the configuration leaves on, each on its own port as the field expects
 * (DESIGN.md's port table). If one cannot start (port taken), the ones already started are
 * stopped and the error propagates.
 */
export async function startReceivers({ config, pipeline, store, metrics, logger }: Deps): Promise<RunningReceivers> {
  const closers: Array<() => Promise<unknown>> = [];
  const urls: ReceiverUrls = {};
  const host = config.host;
  const common = { pipeline, observer: metrics };
  const httpReceiver = async (key: keyof ReceiverUrls, port: number | null, name: string, setup: (app: FastifyInstance) => Promise<void>) => {
    if (port === null) return;
    const app = createHttpApp(logger, name);
    await setup(app);
    urls[key] = await listenHttp(app, host, port);
    closers.push(() => app.close());
  };
  const service = async <R extends { address: string; port: number; close(): Promise<void> }>(key: keyof ReceiverUrls, port: number | null, start: (port: number) => Promise<R>, url: (r: R) => string) => {
    if (port === null) return;
    const r = await start(port);
    urls[key] = url(r);
    closers.push(() => r.close());
  };
  // gRPC receivers report `host:port`; UDP ones a socket address.
  const grpcUrl = (r: { address: string }) => `grpc://${r.address}`;
  const udpUrl = (r: { address: string; port: number }) => httpUrl(r, 'udp');
  const grpcOptions = (port: number) => ({ ...common, host, port, maxMessageBytes: config.maxGrpcMessageSize, logger: logger.child({ server: 'grpc' }) });
  const udpLogger = logger.child({ server: 'udp' });

  try {
    await httpReceiver('otlpHttp', config.otlpHttpPort, 'otlp-http', async (app) => {
      await app.register(otlpHttpReceiver, { ...common, maxBodyBytes: config.maxBodySize });
    });
    await httpReceiver('zipkin', config.zipkinPort, 'zipkin', async (app) => {
      await app.register(zipkinHttpReceiver, { ...common, maxBodyBytes: config.maxBodySize });
      if (store) await app.register(registerZipkinQueryApi, { store });
    });
    await httpReceiver('jaegerHttp', config.jaegerHttpPort, 'jaeger-http', async (app) => {
      await app.register(jaegerHttpReceiver, { ...common, maxBodyBytes: config.maxBodySize });
    });
    await httpReceiver('sampling', config.samplingPort, 'sampling', async (app) => {
      const strategies = config.samplingStrategies ? { strategiesFile: config.samplingStrategies } : {};
      await app.register(remoteSamplingApi, { ...strategies, logger: logger.child({ server: 'sampling' }) });
    });
    await service('otlpGrpc', config.otlpGrpcPort, (port) => startOtlpGrpcReceiver(grpcOptions(port)), grpcUrl);
    await service('jaegerGrpc', config.jaegerGrpcPort, (port) => startJaegerGrpcReceiver(grpcOptions(port)), grpcUrl);
    // Both agent ports take both Thrift protocols (the decoder looks at the first byte): the Node
    // jaeger-client sends binary to 6831, other clients compact.
    const jaegerUdp = (name: string) => (port: number) => startUdpReceiver({ ...common, name, host, port, decode: decodeJaegerAgentDatagram, logger: udpLogger });
    await service('jaegerCompact', config.jaegerCompactPort, jaegerUdp('jaeger-udp-compact-port'), udpUrl);
    await service('jaegerBinary', config.jaegerBinaryPort, jaegerUdp('jaeger-udp-binary-port'), udpUrl);
    await service('xray', config.xrayPort, (port) => startXrayUdpReceiver({ ...common, host, port, logger: udpLogger }), udpUrl);
  } catch (e) {
    await Promise.allSettled(closers.map((c) => c()));
    throw e;
  }
  return { urls, close: async () => void (await Promise.allSettled(closers.map((c) => c()))) };
}
