import type { Span } from '@skein/model';
import { asDecodeError } from '../otlp/decode-errors.js';
import { readZipkinV2ProtoParts } from './read-zipkin-v2-proto.js';
import { zipkinV2SpansToModel } from './zipkin-v2-to-span.js';

/**
 * Zipkin v2 proto3 (`POST /api/v2/spans` with `application/x-protobuf`: a
 * `zipkin.proto3.ListOfSpans`) → model spans, in order, mapped exactly as v2 JSON is.
 *
 * Throws only SkeinError: SKEIN_ERR_MALFORMED_PROTOBUF for bad wire data, SKEIN_ERR_INVALID_PAYLOAD
 * for a value no Zipkin span can hold (a port above 65535). Bad ids and absurd times are left
 * for the pipeline to reject per span.
 */
export function decodeZipkinV2Proto(bytes: Uint8Array): Span[] {
  try {
    return zipkinV2SpansToModel(readZipkinV2ProtoParts(bytes), { idsFromBytes: true });
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_MALFORMED_PROTOBUF');
  }
}
