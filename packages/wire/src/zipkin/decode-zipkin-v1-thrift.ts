import type { Span } from '@skein/model';
import { asDecodeError } from '../otlp/decode-errors.js';
import { readZipkinV1Thrift } from './read-zipkin-v1-thrift.js';
import { zipkinV1SpansToParts } from './zipkin-v1-to-v2.js';
import { zipkinV2SpansToModel } from './zipkin-v2-to-span.js';

/**
 * Zipkin v1 Thrift (`POST /api/v1/spans` with `application/x-thrift`: a TBinaryProtocol
 * `list<Span>`, or one `Span`) → model spans: each v1 span becomes the v2 spans Zipkin makes of
 * it (zipkin-v1-to-v2.ts), then the model spans of those, in order.
 *
 * Throws only SkeinError: SKEIN_ERR_EMPTY_BODY, or SKEIN_ERR_MALFORMED_THRIFT for anything the
 * bytes get wrong (truncation, lying sizes, trailing bytes). Bad ids and absurd times are left
 * for the pipeline to reject per span.
 */
export function decodeZipkinV1Thrift(bytes: Uint8Array): Span[] {
  try {
    return zipkinV2SpansToModel(zipkinV1SpansToParts(readZipkinV1Thrift(bytes)), { idsFromBytes: true });
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_MALFORMED_THRIFT');
  }
}
