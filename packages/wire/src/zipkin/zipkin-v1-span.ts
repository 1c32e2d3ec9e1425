import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';

/**
 * A Zipkin v1 span as both v1 encodings (Thrift, JSON) carry it, after reading and before the
 * conversion to v2 (zipkin-v1-to-v2.ts). It mirrors Zipkin's own `zipkin2.v1.V1Span`:
 * endpoints hang off each annotation instead of the span, and the RPC role is spelled by
 * "core" annotations (cs, sr, ss, cr, ms, mr, ws, wr) rather than a kind.
 *
 * Ids are hex text: the Thrift reader formats its i64s, the JSON reader keeps what was sent
 * (validated later, per span, like every other id). Times are epoch microseconds; 0 or
 * absent means unknown, as in Zipkin.
 */
export interface ZipkinV1Span {
  /** 16 hex chars, or 32 when the span carries `trace_id_high` (128-bit trace ids). */
  traceId: string;
  parentId?: string;
  id: string;
  name?: string;
  timestamp?: number;
  duration?: number;
  annotations: ZipkinV1Annotation[];
  binaryAnnotations: ZipkinV1BinaryAnnotation[];
  debug?: boolean;
}

export interface ZipkinV1Annotation {
  timestamp: number;
  value: string;
  /** The host that logged it: in v2 terms, the local endpoint of the span it belongs to. */
  endpoint?: ZipkinV2Endpoint;
}

/**
 * A binary annotation reduced to what v2 can hold, as Zipkin's `V1BinaryAnnotation`: a tag
 * (`value` is its text, whatever type it was sent as) or an address annotation (`ca`, `sa`,
 * `ma` with a true BOOL value; `value` absent, `endpoint` is the remote side).
 */
export interface ZipkinV1BinaryAnnotation {
  key: string;
  value?: string;
  endpoint?: ZipkinV2Endpoint;
}

/** Binary annotation value types of zipkinCore.thrift's `AnnotationType`. */
export const ANNOTATION_TYPE = { BOOL: 0, BYTES: 1, I16: 2, I32: 3, I64: 4, DOUBLE: 5, STRING: 6 } as const;
export type AnnotationTypeName = keyof typeof ANNOTATION_TYPE;

/** Keys of the address annotations (zipkinCore.thrift CLIENT_ADDR, SERVER_ADDR, MESSAGE_ADDR). */
export const ADDRESS_KEYS: ReadonlySet<string> = new Set(['ca', 'sa', 'ma']);

/** Key of the "local component" binary annotation (zipkinCore.thrift LOCAL_COMPONENT). */
export const LOCAL_COMPONENT = 'lc';
