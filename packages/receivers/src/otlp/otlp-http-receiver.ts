import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { SkeinError } from '@skein/model';
import { type IngestPipeline, summarizeIngest } from '@skein/pipeline';
import { decodeOtlpJson, decodeOtlpProtobuf, encodeExportTraceResponseProtobuf, encodeRpcStatus, exportTraceResponseJson } from '@skein/wire';
import { readBody } from '../http/read-body.js';
import { mediaTypeOf } from '../http/media-type.js';
import { passRawBodies } from '../http/raw-body-plugin.js';
import { asSkeinError, bodyLeftUnread } from '../http/error-body.js';
import type { ReceiverObserver } from '../http/receiver-observer.js';
import { grpcCodeForHttpStatus } from './rpc-status.js';

export interface OtlpHttpReceiverOptions {
  readonly pipeline: IngestPipeline;
  /** Limit on the decompressed body. */
  readonly maxBodyBytes: number;
  readonly observer?: ReceiverObserver;
}

export const OTLP_HTTP_RECEIVER = 'otlp-http';

type Format = 'protobuf' | 'json';
const FORMATS: Record<string, Format> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

/**
 * OTLP/HTTP `POST /v1/traces` (protobuf and JSON, gzip/deflate/br). Answers as the OTLP
 * spec says: 200 + ExportTraceServiceResponse in the request's encoding, with
 * `partial_success` naming what was rejected or changed; errors carry a google.rpc.Status
 * whose message starts with Skein's stable error code.
 */
export async function otlpHttpReceiver(app: FastifyInstance, opts: OtlpHttpReceiverOptions): Promise<void> {
  passRawBodies(app);
  app.post('/v1/traces', async (req, reply) => {
    const format = FORMATS[mediaTypeOf(req.headers['content-type'])];
    try {
      if (!format) throw new SkeinError('SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE', `"${mediaTypeOf(req.headers['content-type'])}"; use application/x-protobuf or application/json`);
      const body = req.body ? await readBody(req.body as Readable, header(req.headers['content-encoding']), header(req.headers['content-length']), opts.maxBodyBytes) : Buffer.alloc(0);
      const spans = format === 'protobuf' ? decodeOtlpProtobuf(body) : decodeOtlpJson(body);
      const result = await opts.pipeline.ingest(OTLP_HTTP_RECEIVER, spans);
      const partial = { rejectedSpans: result.rejected.length, errorMessage: summarizeIngest(result) };
      opts.observer?.onRequest(OTLP_HTTP_RECEIVER, result.rejected.length > 0 ? 'partial' : 'ok');
      if (format === 'protobuf') return reply.code(200).type('application/x-protobuf').send(Buffer.from(encodeExportTraceResponseProtobuf(partial)));
      return reply.code(200).type('application/json').send(exportTraceResponseJson(partial));
    } catch (e) {
      const err = asSkeinError(e);
      opts.observer?.onRequest(OTLP_HTTP_RECEIVER, err.code);
      if (err.status >= 500 && err.code === 'SKEIN_ERR_INTERNAL') req.log.error({ err: e }, 'otlp-http request failed');
      reply.code(err.status).headers(err.headers);
      if (bodyLeftUnread(err)) reply.header('connection', 'close');
      const message = `${err.code}: ${err.message}`;
      if (format === 'protobuf') return reply.type('application/x-protobuf').send(Buffer.from(encodeRpcStatus(grpcCodeForHttpStatus(err.status), message)));
      return reply.type('application/json').send({ code: grpcCodeForHttpStatus(err.status), message, details: [] });
    }
  });
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
