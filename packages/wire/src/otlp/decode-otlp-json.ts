import { type InstrumentationScope, type Resource, SkeinError, type Span, type SpanEvent, type SpanLink, type Status, StatusCode } from '@skein/model';
import { asBuffer, utf8Slice } from './buffer-slices.js';
import { attributesField } from './decode-attributes-json.js';
import { asDecodeError } from './decode-errors.js';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from '../json/json-depth.js';
import {
  type JsonObject,
  JsonShapeError,
  arrayField,
  describe,
  enumField,
  hexIdField,
  isJsonObject,
  objectField,
  rethrowWithin,
  stringField,
  uint32Field,
  uint64Field,
} from './json-shape.js';
import { spanKindFromEnumName, spanKindOf, statusCodeFromEnumName, statusCodeOf } from './otlp-enums.js';

const UNSET_STATUS: Status = Object.freeze({ code: StatusCode.UNSET, message: '' });
const NONE: readonly never[] = Object.freeze([]);

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` into spans, following the OTLP/JSON rules:
 * lowerCamelCase names (original proto names also accepted), hex ids, enums as integers or
 * names, 64-bit integers as decimal strings or numbers, unknown fields ignored, absent fields
 * at their defaults.
 *
 * Ids are lowercased but not validated (the pipeline rejects bad ones per span). All spans of
 * one ResourceSpans share one Resource object, and of one ScopeSpans one scope object.
 * Errors: SKEIN_ERR_MALFORMED_JSON (not JSON), SKEIN_ERR_INVALID_PAYLOAD (wrong shape, with
 * the path of the offending value), SKEIN_ERR_TOO_DEEP (nesting).
 */
export function decodeOtlpJson(body: string | Uint8Array): Span[] {
  try {
    const text = typeof body === 'string' ? body : bytesToText(body);
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new SkeinError('SKEIN_ERR_TOO_DEEP', `JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    let root: unknown;
    try {
      root = JSON.parse(stripBom(text));
    } catch (e) {
      throw new SkeinError('SKEIN_ERR_MALFORMED_JSON', e instanceof Error ? e.message : String(e));
    }
    return readTracesData(root);
  } catch (e) {
    if (e instanceof JsonShapeError) throw e.toSkeinError();
    throw asDecodeError(e, 'SKEIN_ERR_INVALID_PAYLOAD');
  }
}

const bytesToText = (body: Uint8Array): string => (body.byteLength === 0 ? '' : utf8Slice(asBuffer(body), 0, body.byteLength));
const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function readTracesData(root: unknown): Span[] {
  if (!isJsonObject(root)) throw new JsonShapeError('', `expected object, got ${describe(root)}`);
  const spans: Span[] = [];
  const resourceSpans = arrayField(root, 'resourceSpans', 'resource_spans') ?? NONE;
  for (let i = 0; i < resourceSpans.length; i++) {
    try {
      readResourceSpans(resourceSpans[i], spans);
    } catch (e) {
      rethrowWithin(e, `resourceSpans[${i}]`);
    }
  }
  return spans;
}

function readResourceSpans(rs: unknown, out: Span[]): void {
  if (!isJsonObject(rs)) throw new JsonShapeError('', `expected object, got ${describe(rs)}`);
  const resource = readResource(rs);
  // `instrumentationLibrarySpans` is what OTLP < 0.19 senders use; same shape as scopeSpans.
  for (const [camel, snake] of SCOPE_SPANS_NAMES) {
    const list = arrayField(rs, camel, snake);
    if (list === undefined) continue;
    for (let i = 0; i < list.length; i++) {
      try {
        readScopeSpans(list[i], resource, out);
      } catch (e) {
        rethrowWithin(e, `${camel}[${i}]`);
      }
    }
  }
}

const SCOPE_SPANS_NAMES = [
  ['scopeSpans', 'scope_spans'],
  ['instrumentationLibrarySpans', 'instrumentation_library_spans'],
] as const;

function readResource(rs: JsonObject): Resource {
  const r = objectField(rs, 'resource', 'resource');
  if (r === undefined) return { attributes: [], droppedAttributesCount: 0 };
  try {
    return { attributes: attributesField(r, 'attributes', 'attributes'), droppedAttributesCount: uint32Field(r, 'droppedAttributesCount', 'dropped_attributes_count') };
  } catch (e) {
    rethrowWithin(e, 'resource');
  }
}

function readScopeSpans(ss: unknown, resource: Resource, out: Span[]): void {
  if (!isJsonObject(ss)) throw new JsonShapeError('', `expected object, got ${describe(ss)}`);
  const scope = readScope(ss);
  const spans = arrayField(ss, 'spans', 'spans') ?? NONE;
  for (let i = 0; i < spans.length; i++) {
    try {
      out.push(readSpan(spans[i], resource, scope));
    } catch (e) {
      rethrowWithin(e, `spans[${i}]`);
    }
  }
}

function readScope(ss: JsonObject): InstrumentationScope {
  let name = 'scope';
  let s = objectField(ss, 'scope', 'scope');
  if (s === undefined) {
    name = 'instrumentationLibrary';
    s = objectField(ss, 'instrumentationLibrary', 'instrumentation_library');
  }
  if (s === undefined) return { name: '', version: '', attributes: [] };
  try {
    return { name: stringField(s, 'name', 'name'), version: stringField(s, 'version', 'version'), attributes: attributesField(s, 'attributes', 'attributes') };
  } catch (e) {
    rethrowWithin(e, name);
  }
}

function readSpan(s: unknown, resource: Resource, scope: InstrumentationScope): Span {
  if (!isJsonObject(s)) throw new JsonShapeError('', `expected object, got ${describe(s)}`);
  // Same field order as makeSpan(), so every span object has one hidden class.
  return {
    traceId: hexIdField(s, 'traceId', 'trace_id'),
    spanId: hexIdField(s, 'spanId', 'span_id'),
    parentSpanId: hexIdField(s, 'parentSpanId', 'parent_span_id'),
    traceState: stringField(s, 'traceState', 'trace_state'),
    flags: uint32Field(s, 'flags', 'flags'),
    name: stringField(s, 'name', 'name'),
    kind: spanKindOf(enumField(s, 'kind', 'kind', spanKindFromEnumName)),
    startTimeUnixNano: uint64Field(s, 'startTimeUnixNano', 'start_time_unix_nano'),
    endTimeUnixNano: uint64Field(s, 'endTimeUnixNano', 'end_time_unix_nano'),
    attributes: attributesField(s, 'attributes', 'attributes'),
    droppedAttributesCount: uint32Field(s, 'droppedAttributesCount', 'dropped_attributes_count'),
    events: listField(s, 'events', 'events', readEvent),
    droppedEventsCount: uint32Field(s, 'droppedEventsCount', 'dropped_events_count'),
    links: listField(s, 'links', 'links', readLink),
    droppedLinksCount: uint32Field(s, 'droppedLinksCount', 'dropped_links_count'),
    status: readStatus(s),
    resource,
    scope,
    traceIdHigh64Absent: false,
    shared: false,
  };
}

function listField<T>(o: JsonObject, camel: string, snake: string, read: (item: JsonObject) => T): readonly T[] {
  const list = arrayField(o, camel, snake);
  if (list === undefined || list.length === 0) return NONE;
  const out: T[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    try {
      if (!isJsonObject(item)) throw new JsonShapeError('', `expected object, got ${describe(item)}`);
      out[i] = read(item);
    } catch (e) {
      rethrowWithin(e, `${camel}[${i}]`);
    }
  }
  return out;
}

function readEvent(e: JsonObject): SpanEvent {
  return {
    timeUnixNano: uint64Field(e, 'timeUnixNano', 'time_unix_nano'),
    name: stringField(e, 'name', 'name'),
    attributes: attributesField(e, 'attributes', 'attributes'),
    droppedAttributesCount: uint32Field(e, 'droppedAttributesCount', 'dropped_attributes_count'),
  };
}

function readLink(l: JsonObject): SpanLink {
  return {
    traceId: hexIdField(l, 'traceId', 'trace_id'),
    spanId: hexIdField(l, 'spanId', 'span_id'),
    traceState: stringField(l, 'traceState', 'trace_state'),
    attributes: attributesField(l, 'attributes', 'attributes'),
    droppedAttributesCount: uint32Field(l, 'droppedAttributesCount', 'dropped_attributes_count'),
    flags: uint32Field(l, 'flags', 'flags'),
  };
}

function readStatus(s: JsonObject): Status {
  const st = objectField(s, 'status', 'status');
  if (st === undefined) return UNSET_STATUS;
  try {
    const code = statusCodeOf(enumField(st, 'code', 'code', statusCodeFromEnumName));
    const message = stringField(st, 'message', 'message');
    return code === StatusCode.UNSET && message === '' ? UNSET_STATUS : { code, message };
  } catch (e) {
    rethrowWithin(e, 'status');
  }
}
