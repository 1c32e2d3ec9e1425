import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SkeinError } from '@skein/model';
import { errorBody } from '../http/error-body.js';
import { JAEGER_DEFAULT_STRATEGIES, strategyFor, type SamplingStrategies } from './sampling-strategies.js';
import { StrategiesFileWatcher, type SamplingLogger } from './strategies-file-watcher.js';
import { strategyResponseJson, type StrategyTypeEncoding } from './strategy-json.js';

export interface RemoteSamplingApiOptions {
  /** Jaeger's strategies file (JSON); without one every service gets Jaeger's default (probabilistic 0.001). */
  readonly strategiesFile?: string;
  /** How often the file is checked for changes (default 5 s). */
  readonly reloadIntervalMs?: number;
  readonly logger?: SamplingLogger;
}

/**
 * Jaeger remote sampling, as the Jaeger agent and collector serve it on port 5778 (Fastify
 * plugin). Clients poll it for their service's strategy:
 *
 * - `GET /sampling?service=` (the agent's path; the default of the Jaeger clients, Node's
 *   included) and `GET /api/sampling?service=` (the collector's): strategy types as names.
 * - `GET /?service=`: the agent's legacy endpoint, strategy types as Thrift 0.9.2 numbers.
 *
 * A missing strategies file is an error thrown at registration (the server reports it at
 * startup); once running, the file is reloaded when it changes, and a broken edit is logged
 * while the previous strategies stay in force.
 */
export async function remoteSamplingApi(app: FastifyInstance, opts: RemoteSamplingApiOptions): Promise<void> {
  let current: () => SamplingStrategies = () => JAEGER_DEFAULT_STRATEGIES;
  if (opts.strategiesFile !== undefined) {
    const watcher = await StrategiesFileWatcher.open(opts.strategiesFile, {
      ...(opts.reloadIntervalMs !== undefined ? { reloadIntervalMs: opts.reloadIntervalMs } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    app.addHook('onClose', async () => watcher.close());
    current = () => watcher.strategies;
  }

  const serve = (encoding: StrategyTypeEncoding) => async (req: FastifyRequest, reply: FastifyReply) => {
    const service = (req.query as Record<string, unknown>).service;
    // As Jaeger: exactly one `service` (a repeated one is as ambiguous as none).
    if (typeof service !== 'string' || service === '') {
      const e = new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', "'service' parameter must be provided once, e.g. /api/sampling?service=frontend");
      return reply.code(e.status).send(errorBody(e));
    }
    return reply.type('application/json').send(strategyResponseJson(strategyFor(current(), service), encoding));
  };
  app.get('/sampling', serve('names'));
  app.get('/api/sampling', serve('names'));
  app.get('/', serve('numbers'));
}
