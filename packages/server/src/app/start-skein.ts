import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { SkeinError } from '@skein/model';
import { DEFAULT_SPAN_LIMITS, GroupCommitter, IngestPipeline } from '@skein/pipeline';
import { registerJaegerQueryApi, registerSkeinApi } from '@skein/query';
import type { TraceStore } from '@skein/store';
import type { SkeinConfig } from '../config/options.js';
import { SkeinMetrics } from '../observability/metrics.js';
import { registerOperationsRoutes } from '../observability/operations-routes.js';
import { createForwarders } from './forwarding.js';
import { createHttpApp } from './http-app.js';
import { listenHttp } from './listen-http.js';
import { openStore } from './open-store.js';
import { startRetention } from './retention.js';
import { startReceivers, type ReceiverUrls } from './start-receivers.js';
import { registerUi, uiDirectory } from './ui-static.js';

export interface RunningSkein {
  readonly config: SkeinConfig;
  /** Absent with `--storage none` (forwarding only). */
  readonly store: TraceStore | undefined;
  readonly logger: Logger;
  /** Base URLs actually listened on (ports resolved when 0 was asked for). */
  readonly urls: ReceiverUrls & { readonly query: string };
  /** Graceful shutdown: stop listening, finish in-flight requests and commits, close the store. */
  close(): Promise<void>;
}

/** Starts Skein all-in-one: receivers → pipeline → store (and/or forwarders) → query APIs, in this process. */
export async function startSkein(config: SkeinConfig, logger: Logger = pino({ level: config.logLevel })): Promise<RunningSkein> {
  const store = await openStore(config);
  let committer: GroupCommitter | undefined;
  const metrics = new SkeinMetrics(store, () => committer?.queuedSpans ?? 0);
  if (store) committer = new GroupCommitter((spans) => store.writeBatch(spans), { maxQueuedSpans: config.maxQueuedSpans, maxBatchSpans: config.maxBatchSpans, retryAfterSeconds: 1 }, metrics);
  const forwarders = createForwarders(config, metrics, logger);
  if (forwarders.length > 0) metrics.watchForwardQueue(() => forwarders.reduce((n, f) => n + f.queuedSpans, 0));
  const pipeline = new IngestPipeline(committer, { ...DEFAULT_SPAN_LIMITS, maxStringLength: config.maxAttributeLength }, metrics, forwarders);
  let ready = false;

  const queryApp = createHttpApp(logger, 'query');
  if (store) {
    await queryApp.register(registerJaegerQueryApi, { store });
    await queryApp.register(registerSkeinApi, { store });
  } else {
    refuseTraceQueries(queryApp);
  }
  registerOperationsRoutes(queryApp, { metrics, isReady: () => ready });
  const ui = uiDirectory();
  if (ui) await registerUi(queryApp, ui);
  else logger.warn('the web UI is not built (packages/ui/dist/web is missing): run `npm run build`; the APIs work without it');

  let receivers: Awaited<ReturnType<typeof startReceivers>> | undefined;
  let urls: RunningSkein['urls'];
  try {
    receivers = await startReceivers({ config, pipeline, store, metrics, logger });
    urls = { ...receivers.urls, query: await listenHttp(queryApp, config.host, config.queryPort) };
  } catch (e) {
    await receivers?.close();
    await queryApp.close();
    await pipeline.close();
    await store?.close();
    throw e;
  }
  const retention = store ? startRetention(store, config, logger) : undefined;
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
        retention?.stop();
        await Promise.allSettled([receivers!.close(), queryApp.close()]);
        await pipeline.close();
        await retention?.idle();
        await store?.close();
      })()),
  };
}

/** With `--storage none` there is nothing to query: say so instead of a bare 404. */
function refuseTraceQueries(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const e = new SkeinError('SKEIN_ERR_STORAGE_DISABLED');
    return reply.code(e.status).send({ error: e.toJSON() });
  });
}
