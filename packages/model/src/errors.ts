/**
 * Skein's registry of coded errors (the Fastify FST_ERR_* idea): every error a client can get
 * carries a stable machine-readable code, an HTTP status and a human message. Add codes here,
 * never inline, so the set stays documented in one place.
 */
export const ERROR_CODES = {
  // request framing
  SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'unsupported content type' },
  SKEIN_ERR_UNSUPPORTED_ENCODING: { status: 415, message: 'unsupported content encoding' },
  SKEIN_ERR_BODY_TOO_LARGE: { status: 413, message: 'request body too large' },
  SKEIN_ERR_BAD_COMPRESSION: { status: 400, message: 'request body could not be decompressed' },
  SKEIN_ERR_EMPTY_BODY: { status: 400, message: 'request body is empty' },
  // payload decoding
  SKEIN_ERR_MALFORMED_JSON: { status: 400, message: 'request body is not valid JSON' },
  SKEIN_ERR_MALFORMED_PROTOBUF: { status: 400, message: 'request body is not a valid protobuf message' },
  SKEIN_ERR_INVALID_PAYLOAD: { status: 400, message: 'request body does not match the expected schema' },
  SKEIN_ERR_TOO_DEEP: { status: 400, message: 'request body is nested too deeply' },
  SKEIN_ERR_MALFORMED_THRIFT: { status: 400, message: 'request body is not a valid Thrift message' },
  SKEIN_ERR_UNKNOWN_THRIFT_METHOD: { status: 400, message: 'unknown Thrift method' },
  SKEIN_ERR_DATAGRAM_TOO_LARGE: { status: 413, message: 'datagram too large' },
  // per-span validation (reported in partial success / error lists)
  SKEIN_ERR_INVALID_TRACE_ID: { status: 400, message: 'invalid trace id' },
  SKEIN_ERR_INVALID_SPAN_ID: { status: 400, message: 'invalid span id' },
  SKEIN_ERR_INVALID_PARENT_ID: { status: 400, message: 'invalid parent span id' },
  SKEIN_ERR_INVALID_TIMESTAMP: { status: 400, message: 'invalid timestamp' },
  SKEIN_ERR_NO_SPANS_ACCEPTED: { status: 400, message: 'no span in the request was valid' },
  // capacity
  SKEIN_ERR_OVERLOADED: { status: 503, message: 'ingest queue is full; retry later' },
  SKEIN_ERR_SHUTTING_DOWN: { status: 503, message: 'server is shutting down' },
  SKEIN_ERR_STORE_FAILED: { status: 500, message: 'spans could not be written to the store' },
  // query
  SKEIN_ERR_BAD_QUERY_PARAM: { status: 400, message: 'invalid query parameter' },
  SKEIN_ERR_TRACE_NOT_FOUND: { status: 404, message: 'trace not found' },
  SKEIN_ERR_SPAN_NOT_FOUND: { status: 404, message: 'span not found in this trace' },
  SKEIN_ERR_NOT_FOUND: { status: 404, message: 'no such route' },
  SKEIN_ERR_STORAGE_DISABLED: { status: 404, message: 'this Skein stores nothing (--storage none); it only forwards' },
  SKEIN_ERR_INTERNAL: { status: 500, message: 'internal error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class SkeinError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, detail?: string, headers: Record<string, string> = {}) {
    const base = ERROR_CODES[code];
    super(detail ? `${base.message}: ${detail}` : base.message);
    this.name = 'SkeinError';
    this.code = code;
    this.status = base.status;
    this.headers = headers;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export const isSkeinError = (e: unknown): e is SkeinError => e instanceof SkeinError;
