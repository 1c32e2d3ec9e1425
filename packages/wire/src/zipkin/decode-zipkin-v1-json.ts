import type { Span } from '@skein/model';
import { asDecodeError } from '../otlp/decode-errors.js';
import { readZipkinV1Json } from './read-zipkin-v1-json.js';
import { zipkinV1SpansToParts } from './zipkin-v1-to-v2.js';
import { zipkinV2SpansToModel } from './zipkin-v2-to-span.js';

/**
 * Zipkin v1 JSON (`POST /api/v1/spans`) → model spans: each v1 span becomes the v2 spans Zipkin
 * makes of it (zipkin-v1-to-v2.ts), then the model spans of those (zipkinV2ToSpan), in order.
 *
 * Throws only SkeinError: SKEIN_ERR_EMPTY_BODY, SKEIN_ERR_MALFORMED_JSON, SKEIN_ERR_TOO_DEEP or
 * SKEIN_ERR_INVALID_PAYLOAD naming the path (`[0].annotations[2].value: …`), including for a
 * span with v2 fields. Bad ids and absurd times are left for the pipeline to reject per span.
 */
export function decodeZipkinV1Json(body: string | Uint8Array): Span[] {
  try {
    return zipkinV2SpansToModel(zipkinV1SpansToParts(readZipkinV1Json(body)), { idsFromBytes: false });
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_INVALID_PAYLOAD');
  }
}
