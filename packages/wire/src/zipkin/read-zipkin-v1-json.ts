import { ADDRESS_KEYS, ANNOTATION_TYPE, type AnnotationTypeName, type ZipkinV1Annotation, type ZipkinV1BinaryAnnotation, type ZipkinV1Span } from './zipkin-v1-span.js';
import { jsonValueText } from './zipkin-v1-values.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';
import { asObject, invalid, optionalBoolean, optionalEndpoint, optionalList, optionalMicros, optionalString, parseZipkinJsonList, refuseOtherVersion, requiredString } from './zipkin-json-fields.js';

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
  for (let i = 0; i < parsed.length; i++) spans[i] = readSpan(parsed[i], `[${i}]`);
  return spans;
}

function readSpan(v: unknown, path: string): ZipkinV1Span {
  const o = asObject(v, path);
  refuseOtherVersion(o, path, V2_ONLY_FIELDS, 'v2');
  const span: ZipkinV1Span = {
    traceId: optionalString(o.traceId, `${path}.traceId`) ?? '',
    id: optionalString(o.id, `${path}.id`) ?? '',
    annotations: (optionalList(o.annotations, `${path}.annotations`, 'annotations') ?? []).map((a, j) => readAnnotation(a, `${path}.annotations[${j}]`)),
    binaryAnnotations: [],
  };
  const parentId = optionalString(o.parentId, `${path}.parentId`);
  if (parentId !== undefined) span.parentId = parentId;
  const name = optionalString(o.name, `${path}.name`);
  if (name !== undefined) span.name = name;
  const timestamp = optionalMicros(o.timestamp, `${path}.timestamp`);
  if (timestamp !== undefined) span.timestamp = timestamp;
  const duration = optionalMicros(o.duration, `${path}.duration`);
  if (duration !== undefined) span.duration = duration;
  const binaryAnnotations = optionalList(o.binaryAnnotations, `${path}.binaryAnnotations`, 'binary annotations') ?? [];
  binaryAnnotations.forEach((b, j) => {
    const read = readBinaryAnnotation(b, `${path}.binaryAnnotations[${j}]`);
    if (read) span.binaryAnnotations.push(read);
  });
  if (optionalBoolean(o.debug, `${path}.debug`)) span.debug = true;
  return span;
}

function readAnnotation(v: unknown, path: string): ZipkinV1Annotation {
  const o = asObject(v, path);
  const timestamp = optionalMicros(o.timestamp, `${path}.timestamp`);
  if (timestamp === undefined) throw invalid(`${path}.timestamp`, 'missing, expected a number');
  const a: ZipkinV1Annotation = { timestamp, value: requiredString(o.value, `${path}.value`) };
  const endpoint = v1Endpoint(o.endpoint, `${path}.endpoint`);
  if (endpoint) a.endpoint = endpoint;
  return a;
}

/** Undefined for what Zipkin's reader skips: no value, or an address that is false or has no endpoint. */
function readBinaryAnnotation(v: unknown, path: string): ZipkinV1BinaryAnnotation | undefined {
  const o = asObject(v, path);
  const key = requiredString(o.key, `${path}.key`);
  const value = o.value;
  if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw invalid(`${path}.value`, 'expected a string, number or boolean');
  const endpoint = v1Endpoint(o.endpoint, `${path}.endpoint`);
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

/** An endpoint without empty parts; an empty one is none at all (V1Span drops EMPTY_ENDPOINT). */
function v1Endpoint(v: unknown, path: string): ZipkinV2Endpoint | undefined {
  const e = optionalEndpoint(v, path);
  if (!e) return undefined;
  if (e.serviceName === '') delete e.serviceName;
  if (e.ipv4 === '') delete e.ipv4;
  if (e.ipv6 === '') delete e.ipv6;
  return Object.keys(e).length > 0 ? e : undefined;
}
