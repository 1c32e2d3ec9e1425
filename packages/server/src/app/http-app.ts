import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { SkeinError } from '@skein/model';

/**
 * A Fastify instance with Skein's common behaviour: coded JSON errors for anything a route did
 * not answer itself, no per-request log lines (ingest is too hot for them; errors are logged).
 */
export function createHttpApp(logger: Logger, name: string): FastifyInstance {
  const app = Fastify({
    // pino's Logger is Fastify's logger; only the two packages' generic typings disagree.
    loggerInstance: logger.child({ server: name }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // Ingest routes read bodies themselves (with limits after decompression); this bound
    // only applies to the few JSON bodies Fastify parses itself.
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  // Graceful shutdown: answers given while closing say `connection: close`, so keep-alive
  // clients let go at once instead of holding the server open for the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    app.server.closeIdleConnections();
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new SkeinError('SKEIN_ERR_NOT_FOUND', `${req.method} ${req.url.split('?')[0]}`);
    reply.code(e.status).send({ error: e.toJSON() });
  });
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof SkeinError) return reply.code(err.status).headers(err.headers).send({ error: err.toJSON() });
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const code = status === 413 ? 'SKEIN_ERR_BODY_TOO_LARGE' : status === 415 ? 'SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE' : status < 500 ? 'SKEIN_ERR_INVALID_PAYLOAD' : 'SKEIN_ERR_INTERNAL';
    return reply.code(status).send({ error: { code, message: (err as Error).message } });
  });
  return app;
}
