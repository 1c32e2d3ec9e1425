import { SkeinError } from '@skein/model';
import { jsonNestsDeeperThan } from '../json/json-depth.js';
import { asBuffer, utf8Slice } from '../otlp/buffer-slices.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';

/**
 * Field readers shared by the Zipkin v1 and v2 JSON readers. Each names the path of what was
 * wrong (`[3].timestamp: expected a number`); JSON nulls count as absent, as in Zipkin's readers.
 *
 * A field is named by its object's path and its own name (`path`, `field`), joined only when
 * there is something to report: building the text for every field read (a few dozen per span)
 * cost more than the checks themselves.
 */
export type JsonObject = { readonly [k: string]: unknown };

/**
 * A valid Zipkin list nests four levels (list → span → annotations → annotation, or
 * annotation → endpoint in v1). Unknown fields are ignored, so some room is left for clients
 * that add their own; anything deeper is refused before it is parsed.
 */
export const MAX_ZIPKIN_JSON_DEPTH = 32;

/** Text → the parsed top-level JSON list, refusing empty, too deep, malformed and non-list bodies. */
export function parseZipkinJsonList(body: string | Uint8Array, what: string): unknown[] {
  const text = typeof body === 'string' ? body : utf8Slice(asBuffer(body), 0, body.byteLength);
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is not JSON
  if (json.trim() === '') throw new SkeinError('SKEIN_ERR_EMPTY_BODY', `expected a JSON list of ${what}`);
  if (jsonNestsDeeperThan(json, MAX_ZIPKIN_JSON_DEPTH)) throw new SkeinError('SKEIN_ERR_TOO_DEEP', `JSON nests deeper than ${MAX_ZIPKIN_JSON_DEPTH} levels; a list of ${what} needs 5`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new SkeinError('SKEIN_ERR_MALFORMED_JSON', e instanceof Error ? e.message : String(e));
  }
  if (!Array.isArray(parsed)) throw invalid('', 'expected a JSON list of spans');
  return parsed;
}

/** An endpoint object; ports 0 (Zipkin: "unknown") and absent fields are left out. */
export function optionalEndpoint(v: unknown, path: string, field: string): ZipkinV2Endpoint | undefined {
  if (v === undefined || v === null) return undefined;
  const endpointPath = at(path, field);
  const o = asObject(v, endpointPath);
  const e: ZipkinV2Endpoint = {};
  const serviceName = optionalString(o.serviceName, endpointPath, 'serviceName');
  if (serviceName !== undefined) e.serviceName = serviceName;
  const ipv4 = optionalString(o.ipv4, endpointPath, 'ipv4');
  if (ipv4 !== undefined) e.ipv4 = ipv4;
  const ipv6 = optionalString(o.ipv6, endpointPath, 'ipv6');
  if (ipv6 !== undefined) e.ipv6 = ipv6;
  if (o.port !== undefined && o.port !== null) {
    const port = o.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) throw invalid(at(endpointPath, 'port'), 'expected a port number (0-65535)');
    if (port > 0) e.port = port; // Zipkin: "Please don't set to zero" — zero means unknown
  }
  return e;
}

/** Epoch or duration microseconds: a non-negative number (digit strings are tolerated). */
export function optionalMicros(v: unknown, path: string, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    if (v < 0) throw invalid(at(path, field), 'expected a non-negative number of microseconds');
    return v;
  }
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return Number(v);
  throw invalid(at(path, field), 'expected a number');
}

export function optionalBoolean(v: unknown, path: string, field: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(at(path, field), 'expected true or false');
  return v;
}

export function requiredString(v: unknown, path: string, field: string): string {
  if (typeof v !== 'string') throw invalid(at(path, field), v === undefined || v === null ? 'missing, expected a string' : 'expected a string');
  return v;
}

export function optionalString(v: unknown, path: string, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(at(path, field), 'expected a string');
  return v;
}

/** `path` names the object itself (there is no field to add). */
export function asObject(v: unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(path, 'expected an object');
  return v as JsonObject;
}

export function optionalList(v: unknown, path: string, field: string, what: string): readonly unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalid(at(path, field), `expected a list of ${what}`);
  return v;
}

/** The path of a field of the object at `path`. */
export const at = (path: string, field: string): string => `${path}.${field}`;

/**
 * Refuses a span of the other Zipkin JSON version, naming the field that gives it away and the
 * route it belongs to. Zipkin's HTTP collector does the same by scanning the body for these
 * field names (BodyIsExceptionMessage.testForUnexpectedFormat); looking at the parsed fields
 * instead cannot be fooled by a tag or annotation that merely contains such a name.
 */
export function refuseOtherVersion(o: JsonObject, path: string, fields: readonly string[], other: 'v1' | 'v2'): void {
  for (const field of fields) {
    if (o[field] !== undefined && o[field] !== null) throw invalid(at(path, field), `a Zipkin ${other} field: this is Zipkin ${other} JSON, which goes to POST /api/${other}/spans`);
  }
}

export const invalid = (path: string, why: string): SkeinError => new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', path ? `${path}: ${why}` : why);
