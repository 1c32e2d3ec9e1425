import type { ZipkinSpanParts } from './zipkin-span-parts.js';
import { ZIPKIN_V2_KINDS, type ZipkinV2Annotation, type ZipkinV2Kind } from './zipkin-v2-span.js';
import { asObject, at, invalid, optionalBoolean, optionalEndpoint, optionalList, optionalMicros, optionalString, parseZipkinJsonList, refuseOtherVersion, requiredString } from './zipkin-json-fields.js';

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
export function readZipkinV2Json(body: string | Uint8Array): ZipkinSpanParts[] {
  const parsed = parseZipkinJsonList(body, 'Zipkin v2 spans');
  const spans: ZipkinSpanParts[] = new Array(parsed.length);
  for (let i = 0; i < parsed.length; i++) spans[i] = readSpan(parsed[i], `[${i}]`);
  return spans;
}

function readSpan(v: unknown, path: string): ZipkinSpanParts {
  const o = asObject(v, path);
  refuseOtherVersion(o, path, V1_ONLY_FIELDS, 'v1');
  const tagKeys: string[] = [];
  const tagValues: string[] = [];
  // Read in this order so that, of several problems, the same one is always reported first.
  // A missing id is the span's problem, not the request's: it travels on as '' and the
  // pipeline rejects that one span with its position.
  const traceId = optionalString(o.traceId, path, 'traceId') ?? '';
  const id = optionalString(o.id, path, 'id') ?? '';
  const parentId = optionalString(o.parentId, path, 'parentId');
  const kind = optionalKind(o.kind, path, 'kind');
  const name = optionalString(o.name, path, 'name');
  const timestamp = optionalMicros(o.timestamp, path, 'timestamp') ?? 0;
  const duration = optionalMicros(o.duration, path, 'duration') ?? 0;
  const localEndpoint = optionalEndpoint(o.localEndpoint, path, 'localEndpoint');
  const remoteEndpoint = optionalEndpoint(o.remoteEndpoint, path, 'remoteEndpoint');
  const annotations = optionalAnnotations(o.annotations, path);
  readTags(o.tags, path, tagKeys, tagValues);
  const debug = optionalBoolean(o.debug, path, 'debug') ?? false;
  const shared = optionalBoolean(o.shared, path, 'shared') ?? false;
  return { traceId, parentId, id, kind, name, timestamp, duration, localEndpoint, remoteEndpoint, annotations, tagKeys, tagValues, debug, shared };
}

/** `path` is the span's. */
function optionalAnnotations(v: unknown, path: string): ZipkinV2Annotation[] | undefined {
  const list = optionalList(v, path, 'annotations', 'annotations');
  return list?.map((a, j) => {
    const itemPath = `${path}.annotations[${j}]`;
    const o = asObject(a, itemPath);
    const timestamp = optionalMicros(o.timestamp, itemPath, 'timestamp');
    if (timestamp === undefined) throw invalid(at(itemPath, 'timestamp'), 'expected a number');
    return { timestamp, value: requiredString(o.value, itemPath, 'value') };
  });
}

/**
 * The tags object's entries, in its own key order (JSON.parse has already kept each key once, at
 * its first place with its last value, as ZipkinSpanParts wants them).
 */
function readTags(v: unknown, spanPath: string, keys: string[], values: string[]): void {
  if (v === undefined || v === null) return;
  const path = at(spanPath, 'tags');
  const o = asObject(v, path);
  for (const key of Object.keys(o)) {
    const value = o[key];
    if (value === null || value === undefined) continue;
    // Tags are strings in Zipkin's model; sloppy clients send numbers and booleans, which
    // Zipkin's reader also accepts as their text.
    if (typeof value === 'string') values.push(value);
    else if (typeof value === 'number' || typeof value === 'boolean') values.push(String(value));
    else throw invalid(`${path}[${JSON.stringify(key)}]`, 'expected a string');
    keys.push(key);
  }
}

function optionalKind(v: unknown, path: string, field: string): ZipkinV2Kind | undefined {
  const s = optionalString(v, path, field);
  if (s === undefined) return undefined;
  const upper = s.toUpperCase();
  // Zipkin ignores a kind it does not know rather than failing the span.
  return (ZIPKIN_V2_KINDS as readonly string[]).includes(upper) ? (upper as ZipkinV2Kind) : undefined;
}
