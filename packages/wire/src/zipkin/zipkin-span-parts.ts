import type { ZipkinV2Annotation, ZipkinV2Endpoint, ZipkinV2Kind, ZipkinV2Span } from './zipkin-v2-span.js';

/**
 * A Zipkin v2 span as every Zipkin decoder hands it to the model mapping (zipkin-v2-to-span.ts):
 * the fields of ZipkinV2Span, all present in one fixed shape (defaults for what was absent),
 * with the tags as two parallel arrays instead of an object.
 *
 * Why not ZipkinV2Span itself: building a tags object per span (Object.fromEntries) and walking
 * it back with Object.keys cost more than all the rest of a span's mapping, and objects whose
 * fields come and go take many hidden classes. The readers fill this instead;
 * `partsToZipkinV2Span` gives the plain Zipkin span back where one is wanted.
 */
export interface ZipkinSpanParts {
  traceId: string;
  /** As sent (possibly ''); undefined when absent. */
  parentId: string | undefined;
  id: string;
  kind: ZipkinV2Kind | undefined;
  name: string | undefined;
  /** Epoch microseconds; 0 means absent, as in Zipkin. */
  timestamp: number;
  /** Microseconds; 0 means absent. */
  duration: number;
  localEndpoint: ZipkinV2Endpoint | undefined;
  remoteEndpoint: ZipkinV2Endpoint | undefined;
  annotations: ZipkinV2Annotation[] | undefined;
  /**
   * Tag keys, each once, in the order a JavaScript object holding the tags lists them
   * (zipkin-tag-order.ts); `tagValues[i]` is the value of `tagKeys[i]`.
   */
  tagKeys: string[];
  tagValues: string[];
  debug: boolean;
  shared: boolean;
}

/** The plain Zipkin v2 span these parts describe, absent fields left out. */
export function partsToZipkinV2Span(p: ZipkinSpanParts): ZipkinV2Span {
  const z: ZipkinV2Span = { traceId: p.traceId, id: p.id };
  if (p.parentId !== undefined) z.parentId = p.parentId;
  if (p.kind !== undefined) z.kind = p.kind;
  if (p.name !== undefined) z.name = p.name;
  if (p.timestamp) z.timestamp = p.timestamp;
  if (p.duration) z.duration = p.duration;
  if (p.localEndpoint) z.localEndpoint = p.localEndpoint;
  if (p.remoteEndpoint) z.remoteEndpoint = p.remoteEndpoint;
  if (p.annotations) z.annotations = p.annotations;
  if (p.tagKeys.length > 0) z.tags = Object.fromEntries(p.tagKeys.map((k, i) => [k, p.tagValues[i]!])); // own properties, even "__proto__"
  if (p.debug) z.debug = true;
  if (p.shared) z.shared = true;
  return z;
}
