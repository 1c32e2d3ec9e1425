import { ZIPKIN_V2_KINDS, type ZipkinV2Annotation, type ZipkinV2Kind, type ZipkinV2Span } from './zipkin-v2-span.js';
import { asObject, invalid, optionalBoolean, optionalEndpoint, optionalList, optionalMicros, optionalString, parseZipkinJsonList, refuseOtherVersion, requiredString } from './zipkin-json-fields.js';

export { MAX_ZIPKIN_JSON_DEPTH } from './zipkin-json-fields.js';

/** Fields only Zipkin v1 spans have: a span carrying one was sent to the wrong route. */
const V1_ONLY_FIELDS = ['binaryAnnotations'] as const;

/**
 * Parses and shape-checks a Zipkin v2 JSON body (a list of spans). Whole-payload problems throw
 * SkeinError naming the path (`[3].timestamp: expected a number`); ids are NOT validated here, so
 * that one bad id costs one span, not the request. Unknown fields are ignored and JSON nulls
 * count as absent, as Zipkin's own reader does; a v1 span (with `binaryAnnotations`) is refused,
 * as Zipkin's collector refuses v1 JSON on its v2 route.
 */
export function readZipkinV2Json(body: string | Uint8Array): ZipkinV2Span[] {
  const parsed = parseZipkinJsonList(body, 'Zipkin v2 spans');
  const spans: ZipkinV2Span[] = new Array(parsed.length);
  for (let i = 0; i < parsed.length; i++) spans[i] = readSpan(parsed[i], `[${i}]`);
  return spans;
}

function readSpan(v: unknown, path: string): ZipkinV2Span {
  const o = asObject(v, path);
  refuseOtherVersion(o, path, V1_ONLY_FIELDS, 'v1');
  // A missing id is the span's problem, not the request's: it travels on as '' and the
  // pipeline rejects that one span with its position.
  const span: ZipkinV2Span = {
    traceId: optionalString(o.traceId, `${path}.traceId`) ?? '',
    id: optionalString(o.id, `${path}.id`) ?? '',
  };
  const parentId = optionalString(o.parentId, `${path}.parentId`);
  if (parentId !== undefined) span.parentId = parentId;
  const kind = optionalKind(o.kind, `${path}.kind`);
  if (kind !== undefined) span.kind = kind;
  const name = optionalString(o.name, `${path}.name`);
  if (name !== undefined) span.name = name;
  const timestamp = optionalMicros(o.timestamp, `${path}.timestamp`);
  if (timestamp !== undefined) span.timestamp = timestamp;
  const duration = optionalMicros(o.duration, `${path}.duration`);
  if (duration !== undefined) span.duration = duration;
  const local = optionalEndpoint(o.localEndpoint, `${path}.localEndpoint`);
  if (local !== undefined) span.localEndpoint = local;
  const remote = optionalEndpoint(o.remoteEndpoint, `${path}.remoteEndpoint`);
  if (remote !== undefined) span.remoteEndpoint = remote;
  const annotations = optionalAnnotations(o.annotations, `${path}.annotations`);
  if (annotations !== undefined) span.annotations = annotations;
  const tags = optionalTags(o.tags, `${path}.tags`);
  if (tags !== undefined) span.tags = tags;
  const debug = optionalBoolean(o.debug, `${path}.debug`);
  if (debug !== undefined) span.debug = debug;
  const shared = optionalBoolean(o.shared, `${path}.shared`);
  if (shared !== undefined) span.shared = shared;
  return span;
}

function optionalAnnotations(v: unknown, path: string): ZipkinV2Annotation[] | undefined {
  const list = optionalList(v, path, 'annotations');
  return list?.map((a, j) => {
    const o = asObject(a, `${path}[${j}]`);
    const timestamp = optionalMicros(o.timestamp, `${path}[${j}].timestamp`);
    if (timestamp === undefined) throw invalid(`${path}[${j}].timestamp`, 'expected a number');
    return { timestamp, value: requiredString(o.value, `${path}[${j}].value`) };
  });
}

function optionalTags(v: unknown, path: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  const o = asObject(v, path);
  const entries: [string, string][] = [];
  for (const key of Object.keys(o)) {
    const value = o[key];
    if (value === null || value === undefined) continue;
    // Tags are strings in Zipkin's model; sloppy clients send numbers and booleans, which
    // Zipkin's reader also accepts as their text.
    if (typeof value === 'string') entries.push([key, value]);
    else if (typeof value === 'number' || typeof value === 'boolean') entries.push([key, String(value)]);
    else throw invalid(`${path}[${JSON.stringify(key)}]`, 'expected a string');
  }
  // fromEntries defines own properties, so a "__proto__" tag stays a tag.
  return Object.fromEntries(entries);
}

function optionalKind(v: unknown, path: string): ZipkinV2Kind | undefined {
  const s = optionalString(v, path);
  if (s === undefined) return undefined;
  const upper = s.toUpperCase();
  // Zipkin ignores a kind it does not know rather than failing the span.
  return (ZIPKIN_V2_KINDS as readonly string[]).includes(upper) ? (upper as ZipkinV2Kind) : undefined;
}
