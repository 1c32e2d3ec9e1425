import { SkeinError, type Span } from '@skein/model';
import { jsonNestsDeeperThan } from '../json/json-depth.js';
import { asDecodeError } from '../otlp/decode-errors.js';
import { segmentDocumentText } from './xray-daemon-header.js';
import { asObject } from './xray-json-fields.js';
import { segmentDocumentToSpans } from './xray-segment-to-spans.js';

/**
 * How deeply a segment document may nest. Each level of embedded subsegments costs two (list +
 * object) and `http.request`, `cause.exceptions[].stack[]` a few more, so this allows ~60 levels
 * of subsegments (real call trees stay far below) and user metadata with some depth. It also
 * bounds the mapper's recursion, which follows the subsegment nesting.
 */
export const MAX_XRAY_JSON_DEPTH = 128;

/**
 * One X-Ray daemon datagram (`{"format":"json","version":1}` + newline + one segment document,
 * what X-Ray SDKs send to UDP 2000) → model spans: the document's segment (or independently sent
 * subsegment) first, then its embedded subsegments depth-first. Stateless: an in-progress
 * segment comes back as a zero-length span marked `aws.xray.in_progress`, and an independently
 * sent subsegment with no resource (its service is its segment's, which another datagram
 * carries); the receiver decides what to do with them. Mapping: xray-segment-to-spans.ts.
 *
 * Throws only SkeinError: SKEIN_ERR_EMPTY_BODY, SKEIN_ERR_INVALID_PAYLOAD (bad header, or a field
 * of the wrong type, with its path), SKEIN_ERR_MALFORMED_JSON, SKEIN_ERR_TOO_DEEP.
 */
export function decodeXrayDatagram(bytes: Uint8Array): Span[] {
  try {
    return segmentDocumentToSpans(parseSegmentDocument(segmentDocumentText(bytes)));
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_INVALID_PAYLOAD');
  }
}

function parseSegmentDocument(text: string): ReturnType<typeof asObject> {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (jsonNestsDeeperThan(json, MAX_XRAY_JSON_DEPTH)) throw new SkeinError('SKEIN_ERR_TOO_DEEP', `segment document nests deeper than ${MAX_XRAY_JSON_DEPTH} levels`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new SkeinError('SKEIN_ERR_MALFORMED_JSON', `X-Ray segment document: ${e instanceof Error ? e.message : String(e)}`);
  }
  return asObject(parsed, 'segment document');
}
