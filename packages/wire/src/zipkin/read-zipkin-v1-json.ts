import { ADDRESS_KEYS, ANNOTATION_TYPE, type AnnotationTypeName, type ZipkinV1Annotation, type ZipkinV1BinaryAnnotation, type ZipkinV1Span } from './zipkin-v1-span.js';
import { jsonValueText } from './zipkin-v1-values.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';
import { asObject, at, invalid, type JsonObject, optionalBoolean, optionalEndpoint, optionalList, optionalMicros, optionalString, parseZipkinJsonList, refuseOtherVersion, requiredString } from './zipkin-json-fields.js';

/** Fields only Zipkin v2 spans have: a span carrying one was sent to the wrong route. */
const V2_ONLY_FIELDS = ['localEndpoint', 'remoteEndpoint', 'tags', 'kind', 'shared'] as const;

/**
 * Parses and shape-checks a Zipkin v1 JSON body (a list of spans), as Zipkin's V1JsonSpanReader
 * reads it: ids are hex strings, passed on unvalidated (a bad one costs its span, not the
 * request); annotations need a timestamp and a value; binary annotations need a key. JSON nulls
 * count as absent and unknown fields are ignored. A span with v2 fields (`localEndpoint`,
 * `tags`…) is refused, as Zipkin's collector refuses v2 JSON on its v1 route.
 */
export function readZipkinV1Json(body: string | Uint8Array): ZipkinV1Span[] {
  const parsed = parseZipkinJsonList(body, 'Zipkin v1 spans');
  const spans: ZipkinV1Span[] = new Array(parsed.length);
  const endpoints = new LastEndpoint();
  for (let i = 0; i < parsed.length; i++) spans[i] = readSpan(parsed[i], `[${i}]`, endpoints);
  return spans;
}

function readSpan(v: unknown, path: string, endpoints: LastEndpoint): ZipkinV1Span {
  const o = asObject(v, path);
  refuseOtherVersion(o, path, V2_ONLY_FIELDS, 'v2');
  const span: ZipkinV1Span = {
    traceId: optionalString(o.traceId, path, 'traceId') ?? '',
    id: optionalString(o.id, path, 'id') ?? '',
    annotations: (optionalList(o.annotations, path, 'annotations', 'annotations') ?? []).map((a, j) => readAnnotation(a, `${path}.annotations[${j}]`, endpoints)),
    binaryAnnotations: [],
  };
  const parentId = optionalString(o.parentId, path, 'parentId');
  if (parentId !== undefined) span.parentId = parentId;
  const name = optionalString(o.name, path, 'name');
  if (name !== undefined) span.name = name;
  const timestamp = optionalMicros(o.timestamp, path, 'timestamp');
  if (timestamp !== undefined) span.timestamp = timestamp;
  const duration = optionalMicros(o.duration, path, 'duration');
  if (duration !== undefined) span.duration = duration;
  const binaryAnnotations = optionalList(o.binaryAnnotations, path, 'binaryAnnotations', 'binary annotations') ?? [];
  binaryAnnotations.forEach((b, j) => {
    const read = readBinaryAnnotation(b, `${path}.binaryAnnotations[${j}]`, endpoints);
    if (read) span.binaryAnnotations.push(read);
  });
  if (optionalBoolean(o.debug, path, 'debug')) span.debug = true;
  return span;
}

function readAnnotation(v: unknown, path: string, endpoints: LastEndpoint): ZipkinV1Annotation {
  const o = asObject(v, path);
  const timestamp = optionalMicros(o.timestamp, path, 'timestamp');
  if (timestamp === undefined) throw invalid(at(path, 'timestamp'), 'missing, expected a number');
  const a: ZipkinV1Annotation = { timestamp, value: requiredString(o.value, path, 'value') };
  const endpoint = endpoints.read(o.endpoint, path);
  if (endpoint) a.endpoint = endpoint;
  return a;
}

/** Undefined for what Zipkin's reader skips: no value, or an address that is false or has no endpoint. */
function readBinaryAnnotation(v: unknown, path: string, endpoints: LastEndpoint): ZipkinV1BinaryAnnotation | undefined {
  const o = asObject(v, path);
  const key = requiredString(o.key, path, 'key');
  const value = o.value;
  if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw invalid(at(path, 'value'), 'expected a string, number or boolean');
  const endpoint = endpoints.read(o.endpoint, path);
  if (value === undefined || value === null) return undefined;
  if (ADDRESS_KEYS.has(key) && typeof value !== 'string') {
    // An address annotation: `true` with the remote endpoint (V1JsonSpanReader).
    return value === true && endpoint ? { key, endpoint } : undefined;
  }
  const b: ZipkinV1BinaryAnnotation = { key, value: jsonValueText(typeName(o.type), value) };
  if (endpoint) b.endpoint = endpoint;
  return b;
}

/** A declared value type; one Zipkin never wrote is ignored and the value read as it comes. */
function typeName(v: unknown): AnnotationTypeName | undefined {
  return typeof v === 'string' && Object.hasOwn(ANNOTATION_TYPE, v) ? (v as AnnotationTypeName) : undefined;
}

/** An annotation's endpoint without empty parts; an empty one is none at all (V1Span drops EMPTY_ENDPOINT). */
function v1Endpoint(v: unknown, annotationPath: string): ZipkinV2Endpoint | undefined {
  const e = optionalEndpoint(v, annotationPath, 'endpoint');
  if (!e) return undefined;
  if (e.serviceName === '') delete e.serviceName;
  if (e.ipv4 === '') delete e.ipv4;
  if (e.ipv6 === '') delete e.ipv6;
  return Object.keys(e).length > 0 ? e : undefined;
}

/**
 * Reads endpoints, handing back the last one when the next has the same fields: a v1 span
 * repeats its endpoint on every annotation and binary annotation (19 times in a typical span),
 * and sharing one object spares checking and building it each time. Fields that are equal (===)
 * pass the same checks and make the same endpoint; endpoints are never changed after reading.
 */
class LastEndpoint {
  private serviceName: unknown;
  private ipv4: unknown;
  private ipv6: unknown;
  private port: unknown;
  private endpoint: ZipkinV2Endpoint | undefined;

  /** `path` is the annotation's. */
  read(v: unknown, path: string): ZipkinV2Endpoint | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v1Endpoint(v, path);
    const o = v as JsonObject;
    if (this.endpoint !== undefined && o.serviceName === this.serviceName && o.ipv4 === this.ipv4 && o.ipv6 === this.ipv6 && o.port === this.port) return this.endpoint;
    const endpoint = v1Endpoint(o, path);
    this.serviceName = o.serviceName;
    this.ipv4 = o.ipv4;
    this.ipv6 = o.ipv6;
    this.port = o.port;
    this.endpoint = endpoint;
    return endpoint;
  }
}
