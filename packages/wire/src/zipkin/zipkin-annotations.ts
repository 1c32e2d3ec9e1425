import { anyValueToJson, bool, double, int, str, type Attribute, type JsonValue, type SpanEvent } from '@skein/model';
import { microsToNanosExact, nanosToWholeMicros } from './zipkin-micros.js';
import type { ZipkinV2Annotation } from './zipkin-v2-span.js';

/**
 * Annotations ↔ span events. Zipkin annotations are just (time, text). Events with attributes
 * are written the way the OpenTelemetry Collector's Zipkin exporter writes them,
 * `name|{"key":value,…}|droppedAttributesCount`, and read back the same way, but only when the
 * text is exactly what that writer would produce: any other annotation (including one that
 * merely contains `|`) is an event named by its whole text, so Zipkin annotations round-trip.
 */
export function annotationToEvent(a: ZipkinV2Annotation): SpanEvent {
  const timeUnixNano = microsToNanosExact(a.timestamp);
  const structured = a.value.includes('|') ? parseStructuredAnnotation(a.value) : undefined;
  if (structured) return { timeUnixNano, ...structured };
  return { timeUnixNano, name: a.value, attributes: [], droppedAttributesCount: 0 };
}

export function eventToAnnotation(e: SpanEvent): ZipkinV2Annotation {
  const timestamp = nanosToWholeMicros(e.timeUnixNano);
  if (e.attributes.length === 0 && e.droppedAttributesCount === 0) return { timestamp, value: e.name };
  return { timestamp, value: `${e.name}|${attributesJson(e.attributes)}|${e.droppedAttributesCount}` };
}

/** Attributes as one JSON object (later duplicates win), as the collector's `AsRaw()` gives. */
export function attributesJson(attributes: readonly Attribute[]): string {
  const entries: [string, JsonValue][] = attributes.map((a) => [a.key, anyValueToJson(a.value)]);
  return JSON.stringify(Object.fromEntries(entries));
}

function parseStructuredAnnotation(value: string): Omit<SpanEvent, 'timeUnixNano'> | undefined {
  const first = value.indexOf('|');
  const last = value.lastIndexOf('|');
  if (first === last) return undefined;
  const dropped = value.slice(last + 1);
  if (!/^(0|[1-9]\d{0,9})$/.test(dropped)) return undefined;
  const json = value.slice(first + 1, last);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const attributes: Attribute[] = [];
  for (const [key, v] of Object.entries(parsed)) {
    if (typeof v === 'string') attributes.push({ key, value: str(v) });
    else if (typeof v === 'boolean') attributes.push({ key, value: bool(v) });
    else if (typeof v === 'number') attributes.push({ key, value: Number.isSafeInteger(v) ? int(v) : double(v) });
    else return undefined; // nested values: not something the writer produces
  }
  const droppedAttributesCount = Number(dropped);
  if (attributes.length === 0 && droppedAttributesCount === 0) return undefined; // the writer never emits this form
  // Only take the structured reading when writing it back gives the very same text.
  if (attributesJson(attributes) !== json) return undefined;
  return { name: value.slice(0, first), attributes, droppedAttributesCount };
}
