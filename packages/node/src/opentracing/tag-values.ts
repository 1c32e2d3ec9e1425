import type { AttributeValue, Attributes } from '@opentelemetry/api';

/**
 * Converts an OpenTracing tag or log value (any JavaScript value) to an OpenTelemetry attribute
 * value. Strings, numbers, booleans and homogeneous arrays of them pass through; anything the
 * OpenTelemetry API cannot carry is converted to a string, as the OpenTracing compatibility
 * spec asks. `null`/`undefined` mean "no value" and give undefined. Never throws: tags come
 * from application code and may be circular, BigInt, or objects with throwing `toJSON`.
 */
export function toAttributeValue(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'undefined':
      return undefined;
    case 'bigint':
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    default:
      if (value === null) return undefined;
      if (Array.isArray(value) && isHomogeneousPrimitiveArray(value)) return value.slice() as AttributeValue;
      return objectToString(value as object);
  }
}

function isHomogeneousPrimitiveArray(values: unknown[]): boolean {
  let kind: string | undefined;
  for (const item of values) {
    if (item === null || item === undefined) continue; // the API allows gaps in arrays
    const itemKind = typeof item;
    if (itemKind !== 'string' && itemKind !== 'number' && itemKind !== 'boolean') return false;
    if (kind === undefined) kind = itemKind;
    else if (kind !== itemKind) return false;
  }
  return true;
}

function objectToString(value: object): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    const json = JSON.stringify(value);
    if (typeof json === 'string') return json;
  } catch {
    // circular, BigInt inside, throwing toJSON: fall back to the plain string form below
  }
  try {
    return String(value);
  } catch {
    return '[unserializable]';
  }
}

/** Copies converted values of `fields` into `target`, skipping `skip` keys and empty values. */
export function addConvertedFields(target: Attributes, fields: object, skip: ReadonlySet<string> | undefined): Attributes {
  for (const key of Object.keys(fields)) {
    if (skip === undefined || !skip.has(key)) setConverted(target, key, (fields as Record<string, unknown>)[key]);
  }
  return target;
}

/** Sets `target[key]` to the converted value, unless the value is empty. */
export function setConverted(target: Attributes, key: string, value: unknown): void {
  const converted = toAttributeValue(value);
  if (converted !== undefined) target[key] = converted;
}

/** OpenTracing timestamps are ms since the epoch, which OpenTelemetry's TimeInput also takes. */
export function toTimeInput(timestamp: unknown): number | undefined {
  return typeof timestamp === 'number' && Number.isFinite(timestamp) && timestamp > 0 ? timestamp : undefined;
}
