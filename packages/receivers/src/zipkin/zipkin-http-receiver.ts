import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { SkeinError } from '@skein/model';
import { type IngestPipeline, summarizeIngest } from '@skein/pipeline';
import { decodeZipkinV2Json } from '@skein/wire';
import { readBody } from '../http/read-body.js';
import { mediaTypeOf } from '../http/media-type.js';
import { passRawBodies } from '../http/raw-body-plugin.js';
import { asSkeinError, bodyLeftUnread, errorBody } from '../http/error-body.js';
import type { ReceiverObserver } from '../http/receiver-observer.js';

export interface ZipkinHttpReceiverOptions {
  readonly pipeline: IngestPipeline;
  readonly maxBodyBytes: number;
  readonly observer?: ReceiverObserver;
}

export const ZIPKIN_V2_JSON_RECEIVER = 'zipkin-v2-json';

/** Zipkin's server reads a missing or generic content type as JSON; so do we. */
const JSON_TYPES = new Set(['', 'application/json', 'text/plain', 'application/octet-stream']);

/**
 * Zipkin v2 `POST /api/v2/spans` (JSON, gzip): 202 Accepted once the spans are durable, as
 * Zipkin answers. Zipkin has no partial success, so when some spans are rejected the 202
 * carries a JSON body saying which; when none could be kept the answer is 400.
 */
export async function zipkinHttpReceiver(app: FastifyInstance, opts: ZipkinHttpReceiverOptions): Promise<void> {
  passRawBodies(app);
  app.post('/api/v2/spans', async (req, reply) => {
    try {
      const media = mediaTypeOf(req.headers['content-type']);
      if (!JSON_TYPES.has(media)) throw new SkeinError('SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE', `"${media}"; use application/json`);
      const body = req.body ? await readBody(req.body as Readable, header(req.headers['content-encoding']), header(req.headers['content-length']), opts.maxBodyBytes) : Buffer.alloc(0);
      const spans = decodeZipkinV2Json(body);
      const result = await opts.pipeline.ingest(ZIPKIN_V2_JSON_RECEIVER, spans);
      if (result.accepted === 0 && result.rejected.length > 0) throw new SkeinError('SKEIN_ERR_NO_SPANS_ACCEPTED', summarizeIngest(result));
      opts.observer?.onRequest(ZIPKIN_V2_JSON_RECEIVER, result.rejected.length > 0 ? 'partial' : 'ok');
      if (result.rejected.length === 0 && result.warnings.length === 0) return reply.code(202).send();
      return reply.code(202).send({ accepted: result.accepted, rejected: result.rejected.length, message: summarizeIngest(result) });
    } catch (e) {
      const err = asSkeinError(e);
      opts.observer?.onRequest(ZIPKIN_V2_JSON_RECEIVER, err.code);
      if (err.code === 'SKEIN_ERR_INTERNAL') req.log.error({ err: e }, 'zipkin request failed');
      reply.code(err.status).headers(err.headers);
      if (bodyLeftUnread(err)) reply.header('connection', 'close');
      return reply.send(errorBody(err));
    }
  });
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
