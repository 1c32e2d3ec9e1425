import { type ErrorCode, type Span, ZERO_SPAN_ID, ZERO_TRACE_ID, nowNanos } from '@skein/model';
import { boundAttributes, type BoundingReport } from './bound-attributes.js';
import type { SpanLimits } from './limits.js';

export interface SpanRejection {
  /** Position of the span in the decoded request. */
  readonly index: number;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface ValidationResult {
  readonly accepted: Span[];
  readonly rejected: SpanRejection[];
  /** Things changed to fit the limits (values truncated, attributes dropped); the spans were kept. */
  readonly warnings: string[];
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * Checks ids and timestamps (rejecting the span, never the request) and applies the size
 * bounds (keeping the span, cut down). Decoders pass ids through unvalidated so that one bad
 * span is reported here, with its position, while its neighbours are kept.
 */
export function validateSpans(spans: readonly Span[], limits: SpanLimits, now: bigint = nowNanos()): ValidationResult {
  const accepted: Span[] = [];
  const rejected: SpanRejection[] = [];
  const report: BoundingReport = { truncatedValues: 0, droppedAttributes: 0 };
  let droppedEvents = 0;
  let droppedLinks = 0;
  const latestStart = now + limits.maxFutureNanos;

  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const problem = idProblem(s) ?? timeProblem(s, limits, latestStart);
    if (problem) {
      rejected.push({ index: i, code: problem[0], message: `span ${i}${s.name ? ` "${clip(s.name)}"` : ''}: ${problem[1]}` });
      continue;
    }
    accepted.push(bound(s, limits, report, (n) => (droppedEvents += n), (n) => (droppedLinks += n)));
  }

  const warnings: string[] = [];
  if (report.truncatedValues > 0) warnings.push(`${report.truncatedValues} value(s) longer than ${limits.maxStringLength} characters were truncated`);
  if (report.droppedAttributes > 0) warnings.push(`${report.droppedAttributes} attribute(s) over the limit of ${limits.maxAttributesPerSpan} per span were dropped`);
  if (droppedEvents > 0) warnings.push(`${droppedEvents} event(s) over the limit of ${limits.maxEventsPerSpan} per span were dropped`);
  if (droppedLinks > 0) warnings.push(`${droppedLinks} link(s) over the limit of ${limits.maxLinksPerSpan} per span were dropped`);
  return { accepted, rejected, warnings };
}

function idProblem(s: Span): [ErrorCode, string] | undefined {
  if (!TRACE_ID.test(s.traceId)) return ['SKEIN_ERR_INVALID_TRACE_ID', `trace id "${clip(s.traceId)}" must be 32 hex characters (16 bytes)`];
  if (s.traceId === ZERO_TRACE_ID) return ['SKEIN_ERR_INVALID_TRACE_ID', 'trace id is all zeros'];
  if (!SPAN_ID.test(s.spanId)) return ['SKEIN_ERR_INVALID_SPAN_ID', `span id "${clip(s.spanId)}" must be 16 hex characters (8 bytes)`];
  if (s.spanId === ZERO_SPAN_ID) return ['SKEIN_ERR_INVALID_SPAN_ID', 'span id is all zeros'];
  if (s.parentSpanId !== '' && s.parentSpanId !== ZERO_SPAN_ID && !SPAN_ID.test(s.parentSpanId))
    return ['SKEIN_ERR_INVALID_PARENT_ID', `parent span id "${clip(s.parentSpanId)}" must be empty or 16 hex characters`];
  return undefined;
}

function timeProblem(s: Span, limits: SpanLimits, latestStart: bigint): [ErrorCode, string] | undefined {
  if (s.startTimeUnixNano < limits.earliestStartNanos) return ['SKEIN_ERR_INVALID_TIMESTAMP', `start time ${s.startTimeUnixNano}ns is before ${isoOf(limits.earliestStartNanos)}`];
  if (s.startTimeUnixNano > latestStart) return ['SKEIN_ERR_INVALID_TIMESTAMP', `start time ${isoOf(s.startTimeUnixNano)} is too far in the future`];
  if (s.endTimeUnixNano < s.startTimeUnixNano) return ['SKEIN_ERR_INVALID_TIMESTAMP', 'end time is before start time'];
  if (s.endTimeUnixNano - s.startTimeUnixNano > limits.maxDurationNanos) return ['SKEIN_ERR_INVALID_TIMESTAMP', `duration exceeds the limit of ${limits.maxDurationNanos / 1_000_000_000n}s`];
  return undefined;
}

function bound(s: Span, limits: SpanLimits, report: BoundingReport, onDroppedEvents: (n: number) => void, onDroppedLinks: (n: number) => void): Span {
  const max = limits.maxStringLength;
  const before = report.droppedAttributes;
  const attributes = boundAttributes(s.attributes, limits.maxAttributesPerSpan, max, report);
  const droppedHere = report.droppedAttributes - before;
  let events = s.events;
  if (events.length > limits.maxEventsPerSpan) {
    onDroppedEvents(events.length - limits.maxEventsPerSpan);
    events = events.slice(0, limits.maxEventsPerSpan);
  }
  let eventsChanged = events !== s.events;
  const boundedEvents = events.map((e) => {
    const ea = boundAttributes(e.attributes, limits.maxAttributesPerSpan, max, report);
    const name = e.name.length > max ? e.name.slice(0, max) : e.name;
    if (ea === e.attributes && name === e.name) return e;
    eventsChanged = true;
    return { ...e, name, attributes: ea };
  });
  let links = s.links;
  if (links.length > limits.maxLinksPerSpan) {
    onDroppedLinks(links.length - limits.maxLinksPerSpan);
    links = links.slice(0, limits.maxLinksPerSpan);
  }
  const parentSpanId = s.parentSpanId === ZERO_SPAN_ID ? '' : s.parentSpanId;
  const name = s.name.length > max ? s.name.slice(0, max) : s.name;
  const statusMessage = s.status.message.length > max ? s.status.message.slice(0, max) : s.status.message;
  if (attributes === s.attributes && !eventsChanged && links === s.links && parentSpanId === s.parentSpanId && name === s.name && statusMessage === s.status.message) return s;
  return {
    ...s,
    name,
    parentSpanId,
    attributes,
    droppedAttributesCount: s.droppedAttributesCount + droppedHere,
    events: boundedEvents,
    droppedEventsCount: s.droppedEventsCount + (s.events.length - events.length),
    links,
    droppedLinksCount: s.droppedLinksCount + (s.links.length - links.length),
    status: statusMessage === s.status.message ? s.status : { ...s.status, message: statusMessage },
  };
}

const clip = (s: string): string => (s.length > 64 ? `${s.slice(0, 64)}…` : s);
const isoOf = (ns: bigint): string => {
  const d = new Date(Number(ns / 1_000_000n));
  return Number.isNaN(d.getTime()) ? `${ns}ns` : d.toISOString();
};
