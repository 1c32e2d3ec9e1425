import type { FastifyInstance } from 'fastify';
import type { SkeinMetrics } from './metrics.js';

/** /livez (the process answers), /readyz (accepting traffic), /metrics (Prometheus text). */
export function registerOperationsRoutes(app: FastifyInstance, deps: { metrics: SkeinMetrics; isReady: () => boolean }): void {
  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (deps.isReady()) return { status: 'ready' };
    return reply.code(503).send({ status: 'not ready' });
  });
  app.get('/metrics', async (_req, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });
}
