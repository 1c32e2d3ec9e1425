import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { SkeinError } from '@skein/model';
import { type IngestPipeline, summarizeIngest } from '@skein/pipeline';
import { decodeJaegerThriftBatch } from '@skein/wire';
import { readBody } from '../http/read-body.js';
import { mediaTypeOf } from '../http/media-type.js';
import { passRawBodies } from '../http/raw-body-plugin.js';
import { asSkeinError, bodyLeftUnread, errorBody } from '../http/error-body.js';
import type { ReceiverObserver } from '../http/receiver-observer.js';

export interface JaegerHttpReceiverOptions {
  readonly pipeline: IngestPipeline;
  /** Limit on the decompressed body. */
  readonly maxBodyBytes: number;
  readonly observer?: ReceiverObserver;
}

export const JAEGER_THRIFT_HTTP_RECEIVER = 'jaeger-thrift-http';

/** The content types the Jaeger collector accepts (cmd/collector/app/handler/http_handler.go: acceptedThriftFormats). */
const THRIFT_TYPES = new Set(['application/x-thrift', 'application/vnd.apache.thrift.binary']);
/** The only `format` Jaeger clients put in the URL (jaeger-client-java's HttpSender: `/api/traces?format=jaeger.thrift`). */
const JAEGER_THRIFT_FORMAT = 'jaeger.thrift';
/** With that explicit format, a missing or generic content type is read as Thrift too. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream']);

/**
 * Jaeger collector `POST /api/traces` (port 14268): a binary-Thrift jaeger `Batch`, optionally
 * gzip/deflate/br-compressed (limited after decompression). 202 Accepted once the spans are
 * durable, as the Jaeger collector answers. Jaeger has no partial success, so when some spans
 * are rejected the 202 carries a JSON body saying which (as the Zipkin receiver does); when
 * none could be kept the answer is 400. Other content types are 415 (Jaeger says 400; 415 is
 * what the status means, and Skein's other receivers use it).
 */
export async function jaegerHttpReceiver(app: FastifyInstance, opts: JaegerHttpReceiverOptions): Promise<void> {
  passRawBodies(app);
  app.post('/api/traces', async (req, reply) => {
    try {
      checkFormat(mediaTypeOf(req.headers['content-type']), (req.query as Record<string, unknown> | undefined)?.format);
      const body = req.body ? await readBody(req.body as Readable, header(req.headers['content-encoding']), header(req.headers['content-length']), opts.maxBodyBytes) : Buffer.alloc(0);
      const spans = decodeJaegerThriftBatch(body);
      const result = await opts.pipeline.ingest(JAEGER_THRIFT_HTTP_RECEIVER, spans);
      if (result.accepted === 0 && result.rejected.length > 0) throw new SkeinError('SKEIN_ERR_NO_SPANS_ACCEPTED', summarizeIngest(result));
      opts.observer?.onRequest(JAEGER_THRIFT_HTTP_RECEIVER, result.rejected.length > 0 ? 'partial' : 'ok');
      if (result.rejected.length === 0 && result.warnings.length === 0) return reply.code(202).send();
      return reply.code(202).send({ accepted: result.accepted, rejected: result.rejected.length, message: summarizeIngest(result) });
    } catch (e) {
      const err = asSkeinError(e);
      opts.observer?.onRequest(JAEGER_THRIFT_HTTP_RECEIVER, err.code);
      if (err.code === 'SKEIN_ERR_INTERNAL') req.log.error({ err: e }, 'jaeger-thrift-http request failed');
      reply.code(err.status).headers(err.headers);
      if (bodyLeftUnread(err)) reply.header('connection', 'close');
      return reply.send(errorBody(err));
    }
  });
}

function checkFormat(media: string, format: unknown): void {
  const explicitThrift = format === JAEGER_THRIFT_FORMAT;
  if (format !== undefined && !explicitThrift) throw new SkeinError('SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE', `format "${String(format).slice(0, 40)}"; use ${JAEGER_THRIFT_FORMAT}`);
  if (THRIFT_TYPES.has(media) || (explicitThrift && GENERIC_TYPES.has(media))) return;
  throw new SkeinError('SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE', `"${media.slice(0, 80)}"; use application/x-thrift or application/vnd.apache.thrift.binary`);
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
