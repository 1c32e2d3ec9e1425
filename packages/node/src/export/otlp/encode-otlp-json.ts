import type { AttributeValue, Attributes, Link } from '@opentelemetry/api';
import type { FinishedSpan, FinishedSpanEvent, InstrumentationScope, SpanResource } from '../../trace/finished-span.js';
import { groupSpansByResourceAndScope } from './group-spans.js';
import { unixMsToNanosString } from './unix-ms-to-nanos.js';
import { SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE, SPAN_FLAGS_CONTEXT_IS_REMOTE } from './encode-otlp-protobuf.js';

/*
 * OTLP/JSON (the OTLP specification's JSON mapping of ExportTraceServiceRequest): proto3 JSON
 * with lowerCamelCase names, trace and span ids as hex (not base64), enums as integers,
 * 64-bit integers as decimal strings, bytes as base64, and default values left out.
 */

type JsonValue = Record<string, unknown>;

const MIN_INT64 = -(2 ** 63);
const MAX_INT64_EXCLUSIVE = 2 ** 63;

const resourceCache = new WeakMap<SpanResource, JsonValue>();
const scopeCache = new WeakMap<InstrumentationScope, JsonValue>();

/** Encodes spans as an OTLP/JSON ExportTraceServiceRequest body (UTF-8). */
export function encodeOtlpJson(spans: readonly FinishedSpan[]): Buffer {
  return Buffer.from(JSON.stringify(toOtlpJsonRequest(spans)), 'utf8');
}

/** The request as a plain object, before JSON.stringify. */
export function toOtlpJsonRequest(spans: readonly FinishedSpan[]): { resourceSpans: JsonValue[] } {
  const resourceSpans: JsonValue[] = [];
  for (const [resource, scopes] of groupSpansByResourceAndScope(spans)) {
    const scopeSpans: JsonValue[] = [];
    for (const [scope, list] of scopes) {
      const entry: JsonValue = { scope: scopeJson(scope), spans: list.map(spanJson) };
      if (scope.schemaUrl) entry.schemaUrl = scope.schemaUrl;
      scopeSpans.push(entry);
    }
    const entry: JsonValue = { resource: resourceJson(resource), scopeSpans };
    const schemaUrl = (resource as { schemaUrl?: unknown }).schemaUrl;
    if (typeof schemaUrl === 'string' && schemaUrl !== '') entry.schemaUrl = schemaUrl;
    resourceSpans.push(entry);
  }
  return { resourceSpans };
}

function resourceJson(resource: SpanResource): JsonValue {
  let json = resourceCache.get(resource);
  if (json === undefined) {
    json = {};
    const attributes = attributesJson(resource.attributes ?? {});
    if (attributes.length > 0) json.attributes = attributes;
    const dropped = (resource as { droppedAttributesCount?: number }).droppedAttributesCount;
    if (dropped) json.droppedAttributesCount = dropped;
    resourceCache.set(resource, json);
  }
  return json;
}

function scopeJson(scope: InstrumentationScope): JsonValue {
  let json = scopeCache.get(scope);
  if (json === undefined) {
    json = {};
    if (scope.name) json.name = scope.name;
    if (scope.version) json.version = scope.version;
    const attributes = (scope as { attributes?: Attributes }).attributes;
    if (attributes) {
      const list = attributesJson(attributes);
      if (list.length > 0) json.attributes = list;
    }
    scopeCache.set(scope, json);
  }
  return json;
}

function spanJson(span: FinishedSpan): JsonValue {
  const ctx = span.spanContext();
  const json: JsonValue = { traceId: ctx.traceId, spanId: ctx.spanId };
  const traceState = ctx.traceState?.serialize();
  if (traceState) json.traceState = traceState;
  if (span.parentSpanId) json.parentSpanId = span.parentSpanId;
  json.flags = flags(ctx.traceFlags, span.parentSpanId ? span.parentSpanIsRemote : false);
  if (span.name) json.name = span.name;
  if (typeof span.kind === 'number' && span.kind >= 0 && span.kind <= 4) json.kind = span.kind + 1;
  json.startTimeUnixNano = unixMsToNanosString(span.startTimeUnixMs);
  json.endTimeUnixNano = unixMsToNanosString(span.endTimeUnixMs);
  const attributes = attributesJson(span.attributes);
  if (attributes.length > 0) json.attributes = attributes;
  if (span.droppedAttributesCount > 0) json.droppedAttributesCount = span.droppedAttributesCount;
  if (span.events.length > 0) json.events = span.events.map(eventJson);
  if (span.droppedEventsCount > 0) json.droppedEventsCount = span.droppedEventsCount;
  if (span.links.length > 0) json.links = span.links.map(linkJson);
  if (span.droppedLinksCount > 0) json.droppedLinksCount = span.droppedLinksCount;
  const { code, message } = span.status;
  if (code || message) {
    const status: JsonValue = {};
    if (message) status.message = message;
    if (code) status.code = code;
    json.status = status;
  }
  return json;
}

function eventJson(event: FinishedSpanEvent): JsonValue {
  const json: JsonValue = { timeUnixNano: unixMsToNanosString(event.timeUnixMs) };
  if (event.name) json.name = event.name;
  const attributes = attributesJson(event.attributes ?? {});
  if (attributes.length > 0) json.attributes = attributes;
  if (event.droppedAttributesCount > 0) json.droppedAttributesCount = event.droppedAttributesCount;
  return json;
}

function linkJson(link: Link): JsonValue {
  const ctx = link.context;
  const json: JsonValue = { traceId: ctx.traceId, spanId: ctx.spanId };
  const traceState = ctx.traceState?.serialize();
  if (traceState) json.traceState = traceState;
  const attributes = attributesJson(link.attributes ?? {});
  if (attributes.length > 0) json.attributes = attributes;
  if (link.droppedAttributesCount) json.droppedAttributesCount = link.droppedAttributesCount;
  json.flags = flags(ctx.traceFlags, ctx.isRemote === true);
  return json;
}

function flags(traceFlags: number, isRemote: boolean | undefined): number {
  const low = traceFlags & 0xff;
  if (isRemote === undefined) return low;
  return low | SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE | (isRemote ? SPAN_FLAGS_CONTEXT_IS_REMOTE : 0);
}

function attributesJson(attributes: Attributes): JsonValue[] {
  const list: JsonValue[] = [];
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    list.push({ key, value: anyValueJson(value) });
  }
  return list;
}

function anyValueJson(value: AttributeValue | Record<string, unknown> | null | undefined): JsonValue {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64_EXCLUSIVE) {
        // Above 2^53, String() may print a rounded decimal; BigInt gives the exact integer.
        return { intValue: Number.isSafeInteger(value) ? String(value) : BigInt(value).toString() };
      }
      // proto3 JSON spells the non-finite doubles as strings.
      return { doubleValue: Number.isFinite(value) ? value : String(value) };
    case 'object':
      if (value === null) return {};
      if (Array.isArray(value)) {
        return { arrayValue: { values: value.map((v) => anyValueJson(v as AttributeValue | null | undefined)) } };
      }
      if (value instanceof Uint8Array) return { bytesValue: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
      return { kvlistValue: { values: attributesJson(value as Attributes) } };
    default:
      return {};
  }
}
