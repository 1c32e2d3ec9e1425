import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { DEFAULT_SPAN_LIMITS, GroupCommitter, IngestPipeline } from '@skein/pipeline';
import { otlpHttpReceiver, zipkinHttpReceiver } from '@skein/receivers';
import { registerJaegerQueryApi, registerSkeinApi, registerZipkinQueryApi } from '@skein/query';
import type { TraceStore } from '@skein/store';
import type { SkeinConfig } from '../config/options.js';
import { SkeinMetrics } from '../observability/metrics.js';
import { registerOperationsRoutes } from '../observability/operations-routes.js';
import { createHttpApp } from './http-app.js';
import { openStore } from './open-store.js';
import { startRetention } from './retention.js';

export interface RunningSkein {
  readonly config: SkeinConfig;
  readonly store: TraceStore;
  readonly logger: Logger;
  /** Base URLs actually listened on (ports resolved when 0 was asked for). */
  readonly urls: { readonly otlpHttp: string; readonly zipkin: string; readonly query: string };
  /** Graceful shutdown: stop listening, finish in-flight requests and commits, close the store. */
  close(): Promise<void>;
}

/** Starts Skein all-in-one: receivers → pipeline → store → query APIs, in this process. */
export async function startSkein(config: SkeinConfig, logger: Logger = pino({ level: config.logLevel })): Promise<RunningSkein> {
  const store = await openStore(config);
  let committer: GroupCommitter | undefined;
  const metrics = new SkeinMetrics(store, () => committer?.queuedSpans ?? 0);
  committer = new GroupCommitter((spans) => store.writeBatch(spans), { maxQueuedSpans: config.maxQueuedSpans, maxBatchSpans: config.maxBatchSpans, retryAfterSeconds: 1 }, metrics);
  const pipeline = new IngestPipeline(committer, { ...DEFAULT_SPAN_LIMITS, maxStringLength: config.maxAttributeLength }, metrics);
  let ready = false;

  const otlpApp = createHttpApp(logger, 'otlp-http');
  await otlpApp.register(otlpHttpReceiver, { pipeline, maxBodyBytes: config.maxBodySize, observer: metrics });

  const zipkinApp = createHttpApp(logger, 'zipkin');
  await zipkinApp.register(zipkinHttpReceiver, { pipeline, maxBodyBytes: config.maxBodySize, observer: metrics });
  await zipkinApp.register(registerZipkinQueryApi, { store });

  const queryApp = createHttpApp(logger, 'query');
  await queryApp.register(registerJaegerQueryApi, { store });
  await queryApp.register(registerSkeinApi, { store });
  registerOperationsRoutes(queryApp, { metrics, isReady: () => ready });

  const apps: FastifyInstance[] = [];
  const listen = async (app: FastifyInstance, port: number): Promise<string> => {
    await app.listen({ host: config.host, port });
    apps.push(app);
    const addr = app.server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${host}:${addr.port}`;
  };
  let urls: RunningSkein['urls'];
  try {
    urls = { otlpHttp: await listen(otlpApp, config.otlpHttpPort), zipkin: await listen(zipkinApp, config.zipkinPort), query: await listen(queryApp, config.queryPort) };
  } catch (e) {
    await Promise.allSettled(apps.map((a) => a.close()));
    await store.close();
    throw e;
  }
  const retention = startRetention(store, config, logger);
  ready = true;

  let closing: Promise<void> | undefined;
  return {
    config,
    store,
    logger,
    urls,
    close: () =>
      (closing ??= (async () => {
        ready = false;
        retention.stop();
        await Promise.allSettled(apps.map((a) => a.close()));
        await pipeline.close();
        await retention.idle();
        await store.close();
      })()),
  };
}
