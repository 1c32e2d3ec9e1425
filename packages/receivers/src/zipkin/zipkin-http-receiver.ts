import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SkeinError } from '@skein/model';
import { type IngestPipeline, summarizeIngest } from '@skein/pipeline';
import { readBody } from '../http/read-body.js';
import { mediaTypeOf } from '../http/media-type.js';
import { passRawBodies } from '../http/raw-body-plugin.js';
import { asSkeinError, bodyLeftUnread, errorBody } from '../http/error-body.js';
import type { ReceiverObserver } from '../http/receiver-observer.js';
import { ROUTE_DEFAULT, type ZipkinRoute, zipkinFormatOfBody, zipkinFormatOfMediaType } from './zipkin-formats.js';

export { ZIPKIN_V1_JSON_RECEIVER, ZIPKIN_V1_THRIFT_RECEIVER, ZIPKIN_V2_JSON_RECEIVER, ZIPKIN_V2_PROTO_RECEIVER } from './zipkin-formats.js';

export interface ZipkinHttpReceiverOptions {
  readonly pipeline: IngestPipeline;
  readonly maxBodyBytes: number;
  readonly observer?: ReceiverObserver;
}

/**
 * Zipkin's span routes (port 9411), gzip/deflate/br bodies limited after decompression:
 * - `POST /api/v1/spans`: v1 Thrift (`application/x-thrift`) or v1 JSON;
 * - `POST /api/v2/spans`: v2 JSON or proto3 (`application/x-protobuf`, `application/protobuf`).
 * A missing or generic content type is told from the body's first bytes (zipkin-formats.ts).
 *
 * 202 Accepted once the spans are durable, as Zipkin answers. Zipkin has no partial success,
 * so when some spans are rejected the 202 carries a JSON body saying which; when none could be
 * kept the answer is 400. Errors are Skein's coded JSON errors (400, 413, 415).
 */
export async function zipkinHttpReceiver(app: FastifyInstance, opts: ZipkinHttpReceiverOptions): Promise<void> {
  passRawBodies(app);
  app.post('/api/v1/spans', (req, reply) => acceptSpans('v1', req, reply, opts));
  app.post('/api/v2/spans', (req, reply) => acceptSpans('v2', req, reply, opts));
}

async function acceptSpans(route: ZipkinRoute, req: FastifyRequest, reply: FastifyReply, opts: ZipkinHttpReceiverOptions): Promise<FastifyReply> {
  // Until the format is known, the request counts under the route's own default format.
  let receiver = ROUTE_DEFAULT[route].receiver;
  try {
    const byType = zipkinFormatOfMediaType(route, mediaTypeOf(req.headers['content-type']));
    if (byType !== 'detect') receiver = byType.receiver;
    const body = req.body ? await readBody(req.body as Readable, header(req.headers['content-encoding']), header(req.headers['content-length']), opts.maxBodyBytes) : Buffer.alloc(0);
    const format = byType === 'detect' ? zipkinFormatOfBody(route, body) : byType;
    receiver = format.receiver;
    const result = await opts.pipeline.ingest(receiver, format.decode(body));
    if (result.accepted === 0 && result.rejected.length > 0) throw new SkeinError('SKEIN_ERR_NO_SPANS_ACCEPTED', summarizeIngest(result));
    opts.observer?.onRequest(receiver, result.rejected.length > 0 ? 'partial' : 'ok');
    if (result.rejected.length === 0 && result.warnings.length === 0) return reply.code(202).send();
    return reply.code(202).send({ accepted: result.accepted, rejected: result.rejected.length, message: summarizeIngest(result) });
  } catch (e) {
    const err = asSkeinError(e);
    opts.observer?.onRequest(receiver, err.code);
    if (err.code === 'SKEIN_ERR_INTERNAL') req.log.error({ err: e }, 'zipkin request failed');
    reply.code(err.status).headers(err.headers);
    if (bodyLeftUnread(err)) reply.header('connection', 'close');
    return reply.send(errorBody(err));
  }
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
