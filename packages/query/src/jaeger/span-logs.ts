import { nanosToMicros, type SpanEvent } from '@skein/model';
import type { JaegerLog } from './jaeger-json.js';
import { jaegerTags, stringTag } from './jaeger-tag.js';

/**
 * Span events as Jaeger logs: the event name becomes an `event` field first (OpenTracing's log
 * field for it), unless the event already carries an `event` attribute, which wins; then the
 * event's attributes. Timestamps in microseconds.
 */
export function jaegerLogs(events: readonly SpanEvent[]): JaegerLog[] {
  return events.map((event) => {
    const hasEventAttribute = event.attributes.some((a) => a.key === 'event');
    const fields = event.name && !hasEventAttribute ? [stringTag('event', event.name)] : [];
    fields.push(...jaegerTags(event.attributes));
    return { timestamp: nanosToMicros(event.timeUnixNano), fields };
  });
}
