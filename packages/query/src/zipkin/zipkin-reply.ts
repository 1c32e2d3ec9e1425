import type { FastifyReply, FastifyRequest } from 'fastify';
import { SkeinError } from '@skein/model';

/**
 * Zipkin's response conventions: JSON bodies on success; on failure a plain-text body that is
 * the error message (zipkin-server's BodyIsExceptionMessage: 400 for bad input, 404 for an
 * unknown trace, 500 otherwise). Skein's stable code rides along in `x-skein-error-code`.
 */
export function sendZipkinJson(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

export function sendZipkinError(req: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  const err = e instanceof SkeinError ? e : new SkeinError('SKEIN_ERR_INTERNAL', e instanceof Error ? e.message : String(e));
  if (err.code === 'SKEIN_ERR_INTERNAL') req.log.error({ err: e }, 'zipkin query failed');
  return reply.code(err.status).headers(err.headers).header('x-skein-error-code', err.code).header('content-type', 'text/plain; charset=utf-8').send(err.message);
}

/** Wraps a handler so every failure leaves in Zipkin's shape, whatever error handler the app has. */
export function zipkinRoute(handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  return async (req, reply) => {
    try {
      return sendZipkinJson(reply, await handler(req, reply));
    } catch (e) {
      return sendZipkinError(req, reply, e);
    }
  };
}
