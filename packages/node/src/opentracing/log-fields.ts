import type { Attributes } from '@opentelemetry/api';
import { addConvertedFields, toAttributeValue } from './tag-values.js';

/** An OpenTelemetry event built from one OpenTracing `span.log(fields)` call. */
export interface LogEvent {
  readonly name: string;
  readonly attributes: Attributes;
}

const EVENT_FIELD = 'event';
const SKIP_EVENT = new Set([EVENT_FIELD]);
const SKIP_ERROR_FIELDS = new Set([EVENT_FIELD, 'error.object', 'error.kind', 'message', 'stack']);

/**
 * Maps OpenTracing log fields to an event, per the OpenTracing compatibility spec: the name
 * is the `event` field, else "log"; the other fields become attributes. `event: "error"`
 * becomes an `exception` event with the exception semantic conventions — from `error.object`
 * when it is an Error, else from the `error.kind`, `message` and `stack` fields.
 */
export function logFieldsToEvent(fields: object): LogEvent {
  const eventField = (fields as Record<string, unknown>)[EVENT_FIELD];
  if (eventField === 'error') return errorEvent(fields as Record<string, unknown>);
  const name = eventField === undefined || eventField === null ? 'log' : String(toAttributeValue(eventField));
  return { name, attributes: addConvertedFields({}, fields, SKIP_EVENT) };
}

function errorEvent(fields: Record<string, unknown>): LogEvent {
  const attributes: Attributes = {};
  const error = fields['error.object'];
  if (error instanceof Error) {
    attributes['exception.type'] = error.name;
    attributes['exception.message'] = error.message;
    if (typeof error.stack === 'string') attributes['exception.stacktrace'] = error.stack;
  } else if (error !== undefined && error !== null) {
    attributes['exception.message'] = toAttributeValue(error);
  }
  setIfPresent(attributes, 'exception.type', fields['error.kind']);
  setIfPresent(attributes, 'exception.message', fields['message']);
  setIfPresent(attributes, 'exception.stacktrace', fields['stack']);
  return { name: 'exception', attributes: addConvertedFields(attributes, fields, SKIP_ERROR_FIELDS) };
}

/** Explicit fields win only where `error.object` left a gap, as the Error is the better source. */
function setIfPresent(attributes: Attributes, key: string, value: unknown): void {
  if (attributes[key] !== undefined) return;
  const converted = toAttributeValue(value);
  if (converted !== undefined) attributes[key] = typeof converted === 'string' ? converted : String(converted);
}
