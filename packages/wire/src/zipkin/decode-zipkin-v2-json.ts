import { SkeinError, type Span } from '@skein/model';
import { readZipkinV2Json } from './read-zipkin-v2-json.js';
import { zipkinV2SpansToModel } from './zipkin-v2-to-span.js';

/**
 * Zipkin v2 JSON (`POST /api/v2/spans`) → model spans, in the order sent.
 *
 * Throws only SkeinError: SKEIN_ERR_EMPTY_BODY, SKEIN_ERR_MALFORMED_JSON,
 * SKEIN_ERR_INVALID_PAYLOAD (naming the path, e.g. `[3].timestamp: expected a number`) or
 * SKEIN_ERR_TOO_DEEP. Bad ids and absurd times are not errors here: such a span is returned as
 * is and the pipeline rejects it alone. Spans of one local service share one Resource object.
 */
export function decodeZipkinV2Json(body: string | Uint8Array): Span[] {
  try {
    return zipkinV2SpansToModel(readZipkinV2Json(body), { idsFromBytes: false });
  } catch (e) {
    if (e instanceof SkeinError) throw e;
    // Nothing else is expected; if something slips through, it is still the payload's fault
    // and must reach the client as a coded error, not crash the request.
    throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `Zipkin v2 JSON could not be decoded: ${e instanceof Error ? e.message : String(e)}`);
  }
}
