import { isSkeinError, SkeinError } from '@skein/model';
import type { FastifyReply } from 'fastify';
import type { JaegerEnvelope, JaegerStructuredError } from './jaeger-json.js';

/** Jaeger's `structuredResponse` for a success. `total` is only set by the endpoints that set it in Jaeger. */
export const jaegerData = <T>(data: T, total = 0, errors: JaegerStructuredError[] | null = null): JaegerEnvelope<T> => ({
  data,
  total,
  limit: 0,
  offset: 0,
  errors,
});

/** Anything thrown in a handler, as the SkeinError the client will see (unknown errors are 500s). */
export function asSkeinError(err: unknown): SkeinError {
  if (isSkeinError(err)) return err;
  return new SkeinError('SKEIN_ERR_INTERNAL', err instanceof Error ? err.message : String(err));
}

/**
 * Sends a failure the way Jaeger's `/api/*` does: the HTTP status, and the envelope with
 * `data: null` and one `{code, msg}` error. Skein's stable error code rides in a header, since
 * Jaeger's body has no field for it and clients must keep parsing it unchanged.
 */
export function sendJaegerError(reply: FastifyReply, err: unknown): FastifyReply {
  const e = asSkeinError(err);
  if (e.status >= 500) reply.log.error({ err }, 'jaeger query api: internal error');
  return reply
    .code(e.status)
    .header('x-skein-error-code', e.code)
    .send({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: e.status, msg: e.message }] } satisfies JaegerEnvelope<null>);
}

/**
 * Sends an api_v3 failure as Jaeger's grpc-gateway does: `{"error":{"httpCode":…,"message":…}}`
 * (grpcCode and httpStatus are omitted there too when unset).
 */
export function sendV3Error(reply: FastifyReply, err: unknown): FastifyReply {
  const e = asSkeinError(err);
  if (e.status >= 500) reply.log.error({ err }, 'jaeger api_v3: internal error');
  return reply.code(e.status).header('x-skein-error-code', e.code).send({ error: { httpCode: e.status, message: e.message } });
}
