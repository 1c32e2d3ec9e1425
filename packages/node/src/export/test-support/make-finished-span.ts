import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { Attributes, Link, SpanContext, SpanStatus, TraceState } from '@opentelemetry/api';
import type { FinishedSpan, FinishedSpanEvent, InstrumentationScope, SpanResource } from '../../trace/finished-span.js';

export type TestSpan = FinishedSpan;

export interface TestSpanFields {
  name?: string;
  kind?: SpanKind;
  traceId?: string;
  spanId?: string;
  traceFlags?: number;
  traceState?: TraceState;
  isRemote?: boolean;
  parentSpanId?: string;
  parentSpanIsRemote?: boolean;
  startTimeUnixMs?: number;
  endTimeUnixMs?: number;
  attributes?: Attributes;
  droppedAttributesCount?: number;
  events?: FinishedSpanEvent[];
  droppedEventsCount?: number;
  links?: Link[];
  droppedLinksCount?: number;
  status?: SpanStatus;
  resource?: SpanResource;
  scope?: InstrumentationScope;
}

export const testResource: SpanResource = { attributes: { 'service.name': 'test-service', 'host.name': 'box' } };
export const testScope: InstrumentationScope = { name: 'test-scope', version: '1.2.3', schemaUrl: undefined };

let counter = 0;

/** Distinct, valid hex ids for each call: `n` in the last digits. */
export function testSpanId(n: number): string {
  return (n + 1).toString(16).padStart(16, '0');
}
export function testTraceId(n: number): string {
  return 'abcdef0123456789' + (n + 1).toString(16).padStart(16, '0');
}

/** Makes a sampled, ended span with sensible defaults; any field can be overridden. */
export function makeFinishedSpan(fields: TestSpanFields = {}): TestSpan {
  const n = counter++;
  const context: SpanContext = {
    traceId: fields.traceId ?? testTraceId(n),
    spanId: fields.spanId ?? testSpanId(n),
    traceFlags: fields.traceFlags ?? TraceFlags.SAMPLED,
    ...(fields.traceState ? { traceState: fields.traceState } : {}),
    ...(fields.isRemote !== undefined ? { isRemote: fields.isRemote } : {}),
  };
  const start = fields.startTimeUnixMs ?? 1_700_000_000_000.125;
  return {
    name: fields.name ?? `span-${n}`,
    kind: fields.kind ?? SpanKind.INTERNAL,
    spanContext: () => context,
    parentSpanId: fields.parentSpanId,
    ...(fields.parentSpanIsRemote !== undefined ? { parentSpanIsRemote: fields.parentSpanIsRemote } : {}),
    startTimeUnixMs: start,
    endTimeUnixMs: fields.endTimeUnixMs ?? start + 12.5,
    attributes: fields.attributes ?? {},
    droppedAttributesCount: fields.droppedAttributesCount ?? 0,
    events: fields.events ?? [],
    droppedEventsCount: fields.droppedEventsCount ?? 0,
    links: fields.links ?? [],
    droppedLinksCount: fields.droppedLinksCount ?? 0,
    status: fields.status ?? { code: SpanStatusCode.UNSET },
    resource: fields.resource ?? testResource,
    scope: fields.scope ?? testScope,
  };
}

/** `count` spans made by `makeFinishedSpan`, named `prefix-i`. */
export function makeFinishedSpans(count: number, fields: TestSpanFields = {}, prefix = 'span'): TestSpan[] {
  const spans: TestSpan[] = [];
  for (let i = 0; i < count; i++) spans.push(makeFinishedSpan({ ...fields, name: `${prefix}-${i}` }));
  return spans;
}
