import { diag, type AttributeValue, type Attributes } from '@opentelemetry/api';

/**
 * Attribute rules shared by spans, events and links (the OpenTelemetry SDK's rules): a value
 * is a string, number or boolean, or an array of one of those types in which null and
 * undefined entries are allowed. Anything else is dropped with a diagnostic.
 */

/** Shared empty attributes for events and links that have none; read-only by contract. */
export const EMPTY_ATTRIBUTES: Attributes = Object.freeze({}) as Attributes;

const hasOwn = Object.prototype.hasOwnProperty;

export function isHomogeneousPrimitiveArray(values: readonly unknown[]): boolean {
  let type: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const element = values[i];
    if (element === null || element === undefined) continue;
    const elementType = typeof element;
    if (elementType === type) continue;
    if (type !== undefined) return false;
    if (elementType !== 'string' && elementType !== 'number' && elementType !== 'boolean') return false;
    type = elementType;
  }
  return true;
}

/**
 * Returns the value to store for `value`, or undefined when it is not a valid attribute
 * value (null and undefined included: callers decide whether those deserve a diagnostic).
 * Strings longer than `lengthLimit` are cut; arrays are always copied, so an application
 * mutating its array later cannot change what is exported.
 */
export function toStoredAttributeValue(value: unknown, lengthLimit: number): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
      return value.length > lengthLimit ? value.slice(0, lengthLimit) : value;
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      if (Array.isArray(value) && isHomogeneousPrimitiveArray(value)) return copyArray(value, lengthLimit);
      return undefined;
    default:
      return undefined;
  }
}

function copyArray(values: readonly unknown[], lengthLimit: number): AttributeValue {
  const copy = values.slice();
  if (lengthLimit !== Infinity) {
    for (let i = 0; i < copy.length; i++) {
      const element = copy[i];
      if (typeof element === 'string' && element.length > lengthLimit) copy[i] = element.slice(0, lengthLimit);
    }
  }
  return copy as AttributeValue;
}

/**
 * Stores one attribute in `target`. `__proto__` is defined as an own property rather than
 * assigned, so an attribute named like that cannot replace the object's prototype.
 */
export function storeAttribute(target: Attributes, key: string, value: AttributeValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** True when `key` is already one of `target`'s own attributes. */
export function hasAttribute(target: Attributes, key: string): boolean {
  // Stored values are never undefined, so the cheap lookup settles most new keys; the
  // own-property check only runs for keys that might be inherited names like "toString".
  return target[key] !== undefined && hasOwn.call(target, key);
}

/**
 * Validates, truncates and bounds a whole attribute map for an event or a link. Returns the
 * stored attributes (the shared empty object when none survive) and how many valid ones the
 * count limit dropped.
 */
export function sanitizeBoundedAttributes(
  source: unknown,
  countLimit: number,
  lengthLimit: number,
): { attributes: Attributes; dropped: number } {
  if (typeof source !== 'object' || source === null) return { attributes: EMPTY_ATTRIBUTES, dropped: 0 };
  let attributes: Attributes | undefined;
  let count = 0;
  let dropped = 0;
  const record = source as Record<string, unknown>;
  for (const key in record) {
    if (!hasOwn.call(record, key)) continue;
    const raw = record[key];
    if (raw === undefined || raw === null) continue;
    const value = key.length === 0 ? undefined : toStoredAttributeValue(raw, lengthLimit);
    if (value === undefined) {
      diag.warn(`Skein: invalid attribute ${JSON.stringify(key)} dropped`);
      continue;
    }
    if (count >= countLimit) {
      dropped++;
      continue;
    }
    if (attributes === undefined) attributes = {};
    storeAttribute(attributes, key, value);
    count++;
  }
  return { attributes: attributes ?? EMPTY_ATTRIBUTES, dropped };
}

