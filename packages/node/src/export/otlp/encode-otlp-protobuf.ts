import type { AttributeValue, Attributes, Link, SpanStatus } from '@opentelemetry/api';
import type { FinishedSpan, FinishedSpanEvent, InstrumentationScope, SpanResource } from '../../trace/finished-span.js';
import { ProtoWriter } from './proto-writer.js';
import { groupSpansByResourceAndScope } from './group-spans.js';

/*
 * Hand-written encoder for opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.
 * Tags are precomputed bytes: (field number << 3) | wire type. Field numbers are from
 * opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto.
 *
 * Defaults are left out, as proto3 encoders do (zero counts, UNSET status, empty strings).
 */

// ExportTraceServiceRequest / ResourceSpans / ScopeSpans
const REQUEST_RESOURCE_SPANS = 0x0a; // 1, message
const RESOURCE_SPANS_RESOURCE = 0x0a; // 1, message
const RESOURCE_SPANS_SCOPE_SPANS = 0x12; // 2, message
const RESOURCE_SPANS_SCHEMA_URL = 0x1a; // 3, string
const SCOPE_SPANS_SCOPE = 0x0a; // 1, message
const SCOPE_SPANS_SPANS = 0x12; // 2, message
const SCOPE_SPANS_SCHEMA_URL = 0x1a; // 3, string
// Resource / InstrumentationScope
const RESOURCE_ATTRIBUTES = 0x0a; // 1, repeated KeyValue
const RESOURCE_DROPPED_ATTRIBUTES = 0x10; // 2, uint32
const SCOPE_NAME = 0x0a; // 1, string
const SCOPE_VERSION = 0x12; // 2, string
const SCOPE_ATTRIBUTES = 0x1a; // 3, repeated KeyValue
// Span
const SPAN_TRACE_ID = 0x0a; // 1, bytes
const SPAN_SPAN_ID = 0x12; // 2, bytes
const SPAN_TRACE_STATE = 0x1a; // 3, string
const SPAN_PARENT_SPAN_ID = 0x22; // 4, bytes
const SPAN_NAME = 0x2a; // 5, string
const SPAN_KIND = 0x30; // 6, enum
const SPAN_START = 0x39; // 7, fixed64
const SPAN_END = 0x41; // 8, fixed64
const SPAN_ATTRIBUTES = 0x4a; // 9, repeated KeyValue
const SPAN_DROPPED_ATTRIBUTES = 0x50; // 10, uint32
const SPAN_EVENTS = 0x5a; // 11, repeated Event
const SPAN_DROPPED_EVENTS = 0x60; // 12, uint32
const SPAN_LINKS = 0x6a; // 13, repeated Link
const SPAN_DROPPED_LINKS = 0x70; // 14, uint32
const SPAN_STATUS = 0x7a; // 15, message
const SPAN_FLAGS_TAG_1 = 0x85; // 16, fixed32: two-byte tag 0x85 0x01
const SPAN_FLAGS_TAG_2 = 0x01;
// Span.Event
const EVENT_TIME = 0x09; // 1, fixed64
const EVENT_NAME = 0x12; // 2, string
const EVENT_ATTRIBUTES = 0x1a; // 3, repeated KeyValue
const EVENT_DROPPED_ATTRIBUTES = 0x20; // 4, uint32
// Span.Link
const LINK_TRACE_ID = 0x0a; // 1, bytes
const LINK_SPAN_ID = 0x12; // 2, bytes
const LINK_TRACE_STATE = 0x1a; // 3, string
const LINK_ATTRIBUTES = 0x22; // 4, repeated KeyValue
const LINK_DROPPED_ATTRIBUTES = 0x28; // 5, uint32
const LINK_FLAGS = 0x35; // 6, fixed32
// Status
const STATUS_MESSAGE = 0x12; // 2, string
const STATUS_CODE = 0x18; // 3, enum
// KeyValue / AnyValue / ArrayValue / KeyValueList
const KEY_VALUE_KEY = 0x0a; // 1, string
const KEY_VALUE_VALUE = 0x12; // 2, AnyValue
const ANY_STRING = 0x0a; // 1, string
const ANY_BOOL = 0x10; // 2, bool
const ANY_INT = 0x18; // 3, int64
const ANY_DOUBLE = 0x21; // 4, double
const ANY_ARRAY = 0x2a; // 5, ArrayValue
const ANY_KVLIST = 0x32; // 6, KeyValueList
const ANY_BYTES = 0x3a; // 7, bytes
const LIST_VALUES = 0x0a; // ArrayValue.values / KeyValueList.values: 1, repeated

/** OTLP 1.x SpanFlags bits above the 8 W3C trace-flag bits. */
export const SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE = 0x100;
export const SPAN_FLAGS_CONTEXT_IS_REMOTE = 0x200;

/** Integral numbers in this range are int_value; others double_value (as OpenTelemetry JS). */
const MIN_INT64 = -(2 ** 63);
const MAX_INT64_EXCLUSIVE = 2 ** 63;

/** Encoded `resource` field (tag, length, Resource) per resource object. */
const resourceCache = new WeakMap<SpanResource, Buffer>();
/** Encoded `scope` field per scope object, and its schema_url field (after the spans). */
const scopeCache = new WeakMap<InstrumentationScope, { readonly scope: Buffer; readonly schemaUrl: Buffer | undefined }>();

/**
 * Encodes spans as one OTLP ExportTraceServiceRequest. Spans are grouped by resource object,
 * then scope object (identity, as the SDK shares one object per provider / tracer). The
 * encoder sizes each output buffer from the previous one, so keep one per exporter; every
 * result is the caller's own buffer.
 */
export class OtlpProtobufEncoder {
  private readonly w: ProtoWriter;

  constructor(initialBufferSize?: number) {
    this.w = new ProtoWriter(initialBufferSize);
  }

  encode(spans: readonly FinishedSpan[]): Buffer {
    const w = this.w;
    w.reset();
    for (const [resource, scopes] of groupSpansByResourceAndScope(spans)) {
      w.ensure(4);
      w.byte(REQUEST_RESOURCE_SPANS);
      const resourceSpans = w.beginMessage(3);
      w.raw(encodedResource(resource));
      for (const [scope, scopeSpans] of scopes) {
        const cached = encodedScope(scope);
        w.ensure(4);
        w.byte(RESOURCE_SPANS_SCOPE_SPANS);
        const scopeSpansStart = w.beginMessage(3);
        w.raw(cached.scope);
        for (let i = 0; i < scopeSpans.length; i++) this.span(scopeSpans[i]!);
        if (cached.schemaUrl) w.raw(cached.schemaUrl);
        w.endMessage(scopeSpansStart, 3);
      }
      const schemaUrl = (resource as { schemaUrl?: unknown }).schemaUrl;
      if (typeof schemaUrl === 'string' && schemaUrl !== '') {
        w.ensure(1);
        w.byte(RESOURCE_SPANS_SCHEMA_URL);
        w.string(schemaUrl);
      }
      w.endMessage(resourceSpans, 3);
    }
    return w.finish();
  }

  private span(span: FinishedSpan): void {
    const w = this.w;
    const ctx = span.spanContext();
    w.ensure(3 + 1);
    w.byte(SCOPE_SPANS_SPANS);
    // Most spans with ~10 attributes are 128..16383 bytes: a 2-byte prefix rarely moves.
    const body = w.beginMessage(2);
    w.byte(SPAN_TRACE_ID);
    w.hexId(ctx.traceId, 16);
    w.ensure(1);
    w.byte(SPAN_SPAN_ID);
    w.hexId(ctx.spanId, 8);
    const traceState = ctx.traceState?.serialize();
    if (traceState) {
      w.ensure(1);
      w.byte(SPAN_TRACE_STATE);
      w.string(traceState);
    }
    const parentSpanId = span.parentSpanId;
    if (parentSpanId) {
      w.ensure(1);
      w.byte(SPAN_PARENT_SPAN_ID);
      w.hexId(parentSpanId, 8);
    }
    w.ensure(1);
    w.byte(SPAN_NAME);
    w.string(span.name);
    const kind = span.kind;
    w.ensure(2 + 18);
    if (typeof kind === 'number' && kind >= 0 && kind <= 4) {
      // The API's enum has no UNSPECIFIED, so OTLP's values are one higher.
      w.byte(SPAN_KIND);
      w.byte(kind + 1);
    }
    w.byte(SPAN_START);
    w.unixMsAsNanos(span.startTimeUnixMs);
    w.byte(SPAN_END);
    w.unixMsAsNanos(span.endTimeUnixMs);
    this.attributes(SPAN_ATTRIBUTES, span.attributes);
    this.count(SPAN_DROPPED_ATTRIBUTES, span.droppedAttributesCount);
    const events = span.events;
    for (let i = 0; i < events.length; i++) this.event(events[i]!);
    this.count(SPAN_DROPPED_EVENTS, span.droppedEventsCount);
    const links = span.links;
    for (let i = 0; i < links.length; i++) this.link(links[i]!);
    this.count(SPAN_DROPPED_LINKS, span.droppedLinksCount);
    this.status(span.status);
    w.ensure(6);
    w.byte(SPAN_FLAGS_TAG_1);
    w.byte(SPAN_FLAGS_TAG_2);
    w.fixed32(spanFlags(ctx.traceFlags, parentSpanId ? span.parentSpanIsRemote : false));
    w.endMessage(body, 2);
  }

  private event(event: FinishedSpanEvent): void {
    const w = this.w;
    w.ensure(2 + 9 + 1);
    w.byte(SPAN_EVENTS);
    const body = w.beginMessage(1);
    w.byte(EVENT_TIME);
    w.unixMsAsNanos(event.timeUnixMs);
    w.byte(EVENT_NAME);
    w.string(event.name);
    if (event.attributes) this.attributes(EVENT_ATTRIBUTES, event.attributes);
    this.count(EVENT_DROPPED_ATTRIBUTES, event.droppedAttributesCount);
    w.endMessage(body, 1);
  }

  private link(link: Link): void {
    const w = this.w;
    const ctx = link.context;
    w.ensure(3);
    w.byte(SPAN_LINKS);
    const body = w.beginMessage(1);
    w.byte(LINK_TRACE_ID);
    w.hexId(ctx.traceId, 16);
    w.ensure(1);
    w.byte(LINK_SPAN_ID);
    w.hexId(ctx.spanId, 8);
    const traceState = ctx.traceState?.serialize();
    if (traceState) {
      w.ensure(1);
      w.byte(LINK_TRACE_STATE);
      w.string(traceState);
    }
    if (link.attributes) this.attributes(LINK_ATTRIBUTES, link.attributes);
    this.count(LINK_DROPPED_ATTRIBUTES, link.droppedAttributesCount);
    w.ensure(5);
    w.byte(LINK_FLAGS);
    w.fixed32(spanFlags(ctx.traceFlags, ctx.isRemote === true));
    w.endMessage(body, 1);
  }

  private status(status: SpanStatus): void {
    const code = status.code;
    const message = status.message;
    if (!code && !message) return;
    const w = this.w;
    w.ensure(3);
    w.byte(SPAN_STATUS);
    const body = w.beginMessage(1);
    if (message) {
      w.byte(STATUS_MESSAGE);
      w.string(message);
    }
    if (code) {
      w.ensure(2);
      w.byte(STATUS_CODE);
      w.varint32(code);
    }
    w.endMessage(body, 1);
  }

  private count(tag: number, value: number | undefined): void {
    if (!value || value < 0) return;
    this.w.ensure(1);
    this.w.byte(tag);
    this.w.varint32(value);
  }

  /** Repeated KeyValue under `tag`. null/undefined values are left out. */
  private attributes(tag: number, attributes: Attributes): void {
    const w = this.w;
    for (const key in attributes) {
      const value = attributes[key];
      if (value === undefined || value === null) continue;
      // Most attributes are short ASCII strings or small integers: write those in one pass.
      if (typeof value === 'string') {
        if (this.shortStringKeyValue(tag, key, value)) continue;
      } else if (typeof value === 'number' && value >= 0 && value <= 0x7fffffff && (value | 0) === value) {
        if (this.smallIntKeyValue(tag, key, value)) continue;
      }
      // Long strings (user agents, URLs, SQL) need two-byte length prefixes: reserving them
      // up front saves moving the message afterwards.
      const reserve = typeof value === 'string' && key.length + value.length > 120 ? 2 : 1;
      w.ensure(2 + reserve);
      w.byte(tag);
      const keyValue = w.beginMessage(reserve);
      w.byte(KEY_VALUE_KEY);
      w.string(key);
      w.ensure(1 + reserve);
      w.byte(KEY_VALUE_VALUE);
      const anyValue = w.beginMessage(reserve);
      this.anyValue(value);
      w.endMessage(anyValue, reserve);
      w.endMessage(keyValue, reserve);
    }
  }

  /**
   * A KeyValue with an ASCII key and string value whose whole message is under 128 bytes, so
   * every length prefix is one byte known in advance. Returns false, having written nothing
   * that counts, when that does not hold (the caller then takes the general path).
   */
  private shortStringKeyValue(tag: number, key: string, value: string): boolean {
    const keyLength = key.length;
    const valueLength = value.length;
    const anyValueLength = 2 + valueLength;
    const keyValueLength = 2 + keyLength + 2 + anyValueLength;
    if (keyValueLength >= 0x80) return false;
    const w = this.w;
    w.ensure(2 + keyValueLength);
    const buf = w.buf;
    let pos = w.pos;
    buf[pos] = tag;
    buf[pos + 1] = keyValueLength;
    buf[pos + 2] = KEY_VALUE_KEY;
    buf[pos + 3] = keyLength;
    pos += 4;
    let seen = 0;
    for (let i = 0; i < keyLength; i++) {
      const c = key.charCodeAt(i);
      seen |= c;
      buf[pos + i] = c;
    }
    pos += keyLength;
    buf[pos] = KEY_VALUE_VALUE;
    buf[pos + 1] = anyValueLength;
    buf[pos + 2] = ANY_STRING;
    buf[pos + 3] = valueLength;
    pos += 4;
    for (let i = 0; i < valueLength; i++) {
      const c = value.charCodeAt(i);
      seen |= c;
      buf[pos + i] = c;
    }
    if (seen >= 0x80) return false; // not ASCII: byte lengths differ from string lengths
    w.pos = pos + valueLength;
    return true;
  }

  /** A KeyValue with an ASCII key and an integer in [0, 2^31), in one pass (see above). */
  private smallIntKeyValue(tag: number, key: string, value: number): boolean {
    const keyLength = key.length;
    const varintLength = value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
    const anyValueLength = 1 + varintLength;
    const keyValueLength = 2 + keyLength + 2 + anyValueLength;
    if (keyValueLength >= 0x80) return false;
    const w = this.w;
    w.ensure(2 + keyValueLength);
    const buf = w.buf;
    let pos = w.pos;
    buf[pos] = tag;
    buf[pos + 1] = keyValueLength;
    buf[pos + 2] = KEY_VALUE_KEY;
    buf[pos + 3] = keyLength;
    pos += 4;
    let seen = 0;
    for (let i = 0; i < keyLength; i++) {
      const c = key.charCodeAt(i);
      seen |= c;
      buf[pos + i] = c;
    }
    if (seen >= 0x80) return false;
    pos += keyLength;
    buf[pos] = KEY_VALUE_VALUE;
    buf[pos + 1] = anyValueLength;
    buf[pos + 2] = ANY_INT;
    pos += 3;
    let v = value;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    w.pos = pos;
    return true;
  }

  /** The fields of one AnyValue (the caller writes its tag and length). */
  private anyValue(value: AttributeValue | Record<string, unknown> | null | undefined): void {
    const w = this.w;
    switch (typeof value) {
      case 'string':
        w.ensure(1);
        w.byte(ANY_STRING);
        w.string(value);
        return;
      case 'number':
        w.ensure(1);
        if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64_EXCLUSIVE) {
          w.byte(ANY_INT);
          w.int64(value);
        } else {
          w.byte(ANY_DOUBLE);
          w.double(value);
        }
        return;
      case 'boolean':
        w.ensure(2);
        w.byte(ANY_BOOL);
        w.byte(value ? 1 : 0);
        return;
      case 'object':
        if (value === null) return;
        if (Array.isArray(value)) {
          w.ensure(2);
          w.byte(ANY_ARRAY);
          const array = w.beginMessage(1);
          for (let i = 0; i < value.length; i++) {
            w.ensure(2);
            w.byte(LIST_VALUES);
            const element = w.beginMessage(1);
            this.anyValue(value[i] as AttributeValue | null | undefined);
            w.endMessage(element, 1);
          }
          w.endMessage(array, 1);
        } else if (value instanceof Uint8Array) {
          w.ensure(1);
          w.byte(ANY_BYTES);
          w.bytes(value);
        } else {
          // Not an attribute type, but OpenTelemetry JS encodes plain objects as kvlist_value.
          w.ensure(2);
          w.byte(ANY_KVLIST);
          const list = w.beginMessage(1);
          this.attributes(LIST_VALUES, value as Attributes);
          w.endMessage(list, 1);
        }
        return;
      default:
        return; // functions, symbols, bigint: not attribute values; an empty AnyValue
    }
  }

  /** Encodes with a throwaway writer, for the per-object caches. */
  static encodeCached(write: (encoder: OtlpProtobufEncoder) => void): Buffer {
    const encoder = new OtlpProtobufEncoder(256);
    write(encoder);
    return encoder.w.finish();
  }

  /** For the caches: the resource field of ResourceSpans. */
  writeResourceField(resource: SpanResource): void {
    const w = this.w;
    w.ensure(4);
    w.byte(RESOURCE_SPANS_RESOURCE);
    const body = w.beginMessage(3);
    this.attributes(RESOURCE_ATTRIBUTES, resource.attributes ?? {});
    this.count(RESOURCE_DROPPED_ATTRIBUTES, (resource as { droppedAttributesCount?: number }).droppedAttributesCount);
    w.endMessage(body, 3);
  }

  /** For the caches: the scope field of ScopeSpans. */
  writeScopeField(scope: InstrumentationScope): void {
    const w = this.w;
    w.ensure(4);
    w.byte(SCOPE_SPANS_SCOPE);
    const body = w.beginMessage(1);
    w.byte(SCOPE_NAME);
    w.string(scope.name ?? '');
    if (scope.version) {
      w.ensure(1);
      w.byte(SCOPE_VERSION);
      w.string(scope.version);
    }
    const attributes = (scope as { attributes?: Attributes }).attributes;
    if (attributes) this.attributes(SCOPE_ATTRIBUTES, attributes);
    w.endMessage(body, 1);
  }

  /** For the caches: ScopeSpans.schema_url. */
  writeScopeSchemaUrl(schemaUrl: string): void {
    this.w.ensure(1);
    this.w.byte(SCOPE_SPANS_SCHEMA_URL);
    this.w.string(schemaUrl);
  }
}

function encodedResource(resource: SpanResource): Buffer {
  let bytes = resourceCache.get(resource);
  if (bytes === undefined) {
    bytes = OtlpProtobufEncoder.encodeCached((e) => e.writeResourceField(resource));
    resourceCache.set(resource, bytes);
  }
  return bytes;
}

function encodedScope(scope: InstrumentationScope): { readonly scope: Buffer; readonly schemaUrl: Buffer | undefined } {
  let cached = scopeCache.get(scope);
  if (cached === undefined) {
    const schemaUrl = scope.schemaUrl;
    cached = {
      scope: OtlpProtobufEncoder.encodeCached((e) => e.writeScopeField(scope)),
      schemaUrl: schemaUrl ? OtlpProtobufEncoder.encodeCached((e) => e.writeScopeSchemaUrl(schemaUrl)) : undefined,
    };
    scopeCache.set(scope, cached);
  }
  return cached;
}

/**
 * The W3C trace flags plus OTLP's is-remote bits. `isRemote` undefined means unknown: the
 * has-is-remote bit stays clear.
 */
function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  const flags = traceFlags & 0xff;
  if (isRemote === undefined) return flags;
  return isRemote ? flags | SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE | SPAN_FLAGS_CONTEXT_IS_REMOTE : flags | SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE;
}

const sharedEncoder = new OtlpProtobufEncoder();

/** Encodes spans as an OTLP/protobuf ExportTraceServiceRequest body. */
export function encodeOtlpProtobuf(spans: readonly FinishedSpan[]): Buffer {
  return sharedEncoder.encode(spans);
}
