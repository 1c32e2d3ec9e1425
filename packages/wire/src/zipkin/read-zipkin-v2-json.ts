import { SkeinError } from '@skein/model';
import { jsonNestsDeeperThan } from '../json/json-depth.js';
import { ZIPKIN_V2_KINDS, type ZipkinV2Annotation, type ZipkinV2Endpoint, type ZipkinV2Kind, type ZipkinV2Span } from './zipkin-v2-span.js';

/**
 * A valid Zipkin v2 list nests four levels (list → span → annotations → annotation). Unknown
 * fields are ignored, so some room is left for clients that add their own; anything deeper is
 * refused before it is parsed.
 */
export const MAX_ZIPKIN_JSON_DEPTH = 32;

/**
 * Parses and shape-checks a Zipkin v2 JSON body (a list of spans). Whole-payload problems throw
 * SkeinError naming the path (`[3].timestamp: expected a number`); ids are NOT validated here, so
 * that one bad id costs one span, not the request. Unknown fields are ignored and JSON nulls
 * count as absent, as Zipkin's own reader does.
 */
export function readZipkinV2Json(body: string | Uint8Array): ZipkinV2Span[] {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is not JSON
  if (json.trim() === '') throw new SkeinError('SKEIN_ERR_EMPTY_BODY', 'expected a JSON list of Zipkin v2 spans');
  if (jsonNestsDeeperThan(json, MAX_ZIPKIN_JSON_DEPTH)) throw new SkeinError('SKEIN_ERR_TOO_DEEP', `JSON nests deeper than ${MAX_ZIPKIN_JSON_DEPTH} levels; a Zipkin v2 span list needs 4`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new SkeinError('SKEIN_ERR_MALFORMED_JSON', e instanceof Error ? e.message : String(e));
  }
  if (!Array.isArray(parsed)) throw invalid('', 'expected a JSON list of spans');
  const spans: ZipkinV2Span[] = new Array(parsed.length);
  for (let i = 0; i < parsed.length; i++) spans[i] = readSpan(parsed[i], `[${i}]`);
  return spans;
}

type JsonObject = { readonly [k: string]: unknown };

function readSpan(v: unknown, path: string): ZipkinV2Span {
  const o = asObject(v, path);
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

function optionalEndpoint(v: unknown, path: string): ZipkinV2Endpoint | undefined {
  if (v === undefined || v === null) return undefined;
  const o = asObject(v, path);
  const e: ZipkinV2Endpoint = {};
  const serviceName = optionalString(o.serviceName, `${path}.serviceName`);
  if (serviceName !== undefined) e.serviceName = serviceName;
  const ipv4 = optionalString(o.ipv4, `${path}.ipv4`);
  if (ipv4 !== undefined) e.ipv4 = ipv4;
  const ipv6 = optionalString(o.ipv6, `${path}.ipv6`);
  if (ipv6 !== undefined) e.ipv6 = ipv6;
  if (o.port !== undefined && o.port !== null) {
    const port = o.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) throw invalid(`${path}.port`, 'expected a port number (0-65535)');
    if (port > 0) e.port = port; // Zipkin: "Please don't set to zero" — zero means unknown
  }
  return e;
}

function optionalAnnotations(v: unknown, path: string): ZipkinV2Annotation[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalid(path, 'expected a list of annotations');
  return v.map((a, j) => {
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

/** Epoch or duration microseconds: a non-negative number (digit strings are tolerated). */
function optionalMicros(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    if (v < 0) throw invalid(path, 'expected a non-negative number of microseconds');
    return v;
  }
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return Number(v);
  throw invalid(path, 'expected a number');
}

function optionalBoolean(v: unknown, path: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(path, 'expected true or false');
  return v;
}

function requiredString(v: unknown, path: string): string {
  if (typeof v !== 'string') throw invalid(path, v === undefined || v === null ? 'missing, expected a string' : 'expected a string');
  return v;
}

function optionalString(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(path, 'expected a string');
  return v;
}

function asObject(v: unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(path, 'expected an object');
  return v as JsonObject;
}

const invalid = (path: string, why: string): SkeinError => new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', path ? `${path}: ${why}` : why);
