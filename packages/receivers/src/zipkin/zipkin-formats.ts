import { SkeinError, type Span } from '@skein/model';
import { decodeZipkinV1Json, decodeZipkinV1Thrift, decodeZipkinV2Json, decodeZipkinV2Proto, detectZipkinEncoding } from '@skein/wire';

/** The two span routes: `POST /api/v1/spans` and `POST /api/v2/spans`. */
export type ZipkinRoute = 'v1' | 'v2';

/** Receiver names (metrics label): a request counts under the format it was decoded as. */
export const ZIPKIN_V1_THRIFT_RECEIVER = 'zipkin-v1-thrift';
export const ZIPKIN_V1_JSON_RECEIVER = 'zipkin-v1-json';
export const ZIPKIN_V2_JSON_RECEIVER = 'zipkin-v2-json';
export const ZIPKIN_V2_PROTO_RECEIVER = 'zipkin-v2-proto';

export interface ZipkinFormat {
  readonly receiver: string;
  readonly decode: (body: Buffer) => Span[];
}

const V1_THRIFT: ZipkinFormat = { receiver: ZIPKIN_V1_THRIFT_RECEIVER, decode: decodeZipkinV1Thrift };
const V1_JSON: ZipkinFormat = { receiver: ZIPKIN_V1_JSON_RECEIVER, decode: decodeZipkinV1Json };
const V2_JSON: ZipkinFormat = { receiver: ZIPKIN_V2_JSON_RECEIVER, decode: decodeZipkinV2Json };
const V2_PROTO: ZipkinFormat = { receiver: ZIPKIN_V2_PROTO_RECEIVER, decode: decodeZipkinV2Proto };

/** What Zipkin's collector reads a route's body as when nothing says otherwise (ZipkinHttpCollector). */
export const ROUTE_DEFAULT: Record<ZipkinRoute, ZipkinFormat> = { v1: V1_JSON, v2: V2_JSON };

/** Content types that name a format, per route (Zipkin's @ConsumesJson / @ConsumesThrift / @ConsumesProtobuf). */
const BY_MEDIA_TYPE: Record<ZipkinRoute, Readonly<Record<string, ZipkinFormat>>> = {
  v1: { 'application/json': V1_JSON, 'application/x-thrift': V1_THRIFT, 'application/vnd.apache.thrift.binary': V1_THRIFT },
  v2: { 'application/json': V2_JSON, 'application/x-protobuf': V2_PROTO, 'application/protobuf': V2_PROTO },
};

/** Content types that say nothing: the body's first bytes tell the format. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'text/plain']);

/** A content type naming the other route's encoding: the answer says where it goes. */
const OTHER_ROUTE: Record<ZipkinRoute, Readonly<Record<string, string>>> = {
  v1: { 'application/x-protobuf': 'Zipkin v2 proto3', 'application/protobuf': 'Zipkin v2 proto3' },
  v2: { 'application/x-thrift': 'Zipkin v1 Thrift', 'application/vnd.apache.thrift.binary': 'Zipkin v1 Thrift' },
};

/**
 * The format a content type names on a route, or 'detect' for a generic one. Anything else is
 * 415, decided before the body is read.
 */
export function zipkinFormatOfMediaType(route: ZipkinRoute, media: string): ZipkinFormat | 'detect' {
  const format = BY_MEDIA_TYPE[route][media];
  if (format) return format;
  if (GENERIC_TYPES.has(media)) return 'detect';
  const other = OTHER_ROUTE[route][media];
  if (other) throw new SkeinError('SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE', `"${media}" on /api/${route}/spans: ${other} goes to POST /api/${route === 'v1' ? 'v2' : 'v1'}/spans`);
  throw new SkeinError('SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE', `"${media.slice(0, 80)}"; use ${Object.keys(BY_MEDIA_TYPE[route]).slice(0, 2).join(' or ')}`);
}

/**
 * The format of a body sent with a generic content type, told from its first bytes as Zipkin's
 * SpanBytesDecoderDetector does. Zipkin does not decode one version's payload on the other
 * version's route (it answers 400, "Expected a JSON_V1 encoded list, but received: JSON_V2");
 * neither does Skein, and its message names the route to use. JSON goes to the route's JSON
 * decoder, which refuses spans of the other version by their fields.
 */
export function zipkinFormatOfBody(route: ZipkinRoute, body: Buffer): ZipkinFormat {
  if (body.length === 0) return ROUTE_DEFAULT[route]; // its decoder answers SKEIN_ERR_EMPTY_BODY
  switch (detectZipkinEncoding(body)) {
    case 'json':
      return ROUTE_DEFAULT[route];
    case 'thrift':
      if (route === 'v1') return V1_THRIFT;
      throw wrongRoute('Zipkin v1 Thrift', 'v1');
    case 'proto3':
      if (route === 'v2') return V2_PROTO;
      throw wrongRoute('Zipkin v2 proto3', 'v2');
    default:
      throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `the body is neither JSON, Thrift nor proto3 spans; set Content-Type to one of ${Object.keys(BY_MEDIA_TYPE[route]).join(', ')}`);
  }
}

const wrongRoute = (what: string, route: ZipkinRoute): SkeinError => new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `this looks like ${what}, which goes to POST /api/${route}/spans`);
