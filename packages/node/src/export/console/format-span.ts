import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { FinishedSpan } from '../../trace/finished-span.js';

const KIND_NAMES: Record<number, string> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

/**
 * One span as a readable block for a terminal:
 *
 *   span "GET /cart" server 12.250 ms  service=shop  status=ERROR boom
 *     trace=0af76519…  span=b7ad6b71…  parent=00f067aa…
 *     start=2023-11-14T22:13:20.000Z  scope=http 1.0
 *     attributes:
 *       http.response.status_code=200
 *     events:
 *       +1.000 ms exception  exception.type="Error"
 *
 * Strings are JSON-quoted so control characters in span data cannot garble the terminal.
 */
export function formatSpan(span: FinishedSpan): string {
  const ctx = span.spanContext();
  const service = span.resource.attributes['service.name'];
  const duration = span.endTimeUnixMs - span.startTimeUnixMs;
  const lines: string[] = [];
  let head = `span ${JSON.stringify(span.name)} ${KIND_NAMES[span.kind] ?? 'unknown'} ${duration.toFixed(3)} ms`;
  if (service !== undefined) head += `  service=${formatValue(service)}`;
  head += `  status=${statusText(span)}`;
  lines.push(head);
  let ids = `  trace=${ctx.traceId}  span=${ctx.spanId}`;
  if (span.parentSpanId) ids += `  parent=${span.parentSpanId}${span.parentSpanIsRemote ? ' (remote)' : ''}`;
  if ((ctx.traceFlags & 1) === 0) ids += '  (not sampled)';
  lines.push(ids);
  lines.push(`  start=${isoTime(span.startTimeUnixMs)}  scope=${span.scope.name}${span.scope.version ? ' ' + span.scope.version : ''}`);
  const attributes = attributeLines(span.attributes, '    ');
  if (attributes.length > 0 || span.droppedAttributesCount > 0) {
    lines.push(`  attributes:${dropped(span.droppedAttributesCount)}`, ...attributes);
  }
  if (span.events.length > 0 || span.droppedEventsCount > 0) {
    lines.push(`  events:${dropped(span.droppedEventsCount)}`);
    for (const event of span.events) {
      const offset = (event.timeUnixMs - span.startTimeUnixMs).toFixed(3);
      const attrs = inlineAttributes(event.attributes);
      lines.push(`    +${offset} ms ${JSON.stringify(event.name)}${attrs ? '  ' + attrs : ''}`);
    }
  }
  if (span.links.length > 0 || span.droppedLinksCount > 0) {
    lines.push(`  links:${dropped(span.droppedLinksCount)}`);
    for (const link of span.links) {
      const attrs = inlineAttributes(link.attributes ?? {});
      lines.push(`    trace=${link.context.traceId} span=${link.context.spanId}${attrs ? '  ' + attrs : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

function statusText(span: FinishedSpan): string {
  switch (span.status.code) {
    case SpanStatusCode.OK:
      return 'OK';
    case SpanStatusCode.ERROR:
      return span.status.message ? `ERROR ${JSON.stringify(span.status.message)}` : 'ERROR';
    default:
      return 'UNSET';
  }
}

function attributeLines(attributes: Attributes, indent: string): string[] {
  const lines: string[] = [];
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) lines.push(`${indent}${safeKey(key)}=${formatValue(value)}`);
  }
  return lines;
}

function inlineAttributes(attributes: Attributes): string {
  const parts: string[] = [];
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) parts.push(`${safeKey(key)}=${formatValue(value)}`);
  }
  return parts.join(' ');
}

function formatValue(value: AttributeValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === null || v === undefined ? 'null' : formatValue(v))).join(', ')}]`;
  return String(value);
}

/** Keys are printed bare unless they hold characters that could break the layout. */
function safeKey(key: string): string {
  return /^[\w.\-/:@]+$/.test(key) ? key : JSON.stringify(key);
}

function dropped(count: number): string {
  return count > 0 ? ` (${count} dropped)` : '';
}

function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
