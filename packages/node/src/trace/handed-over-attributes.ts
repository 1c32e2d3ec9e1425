import type { Attributes } from '@opentelemetry/api';

/*
 * A span copies its start attributes, because an application may keep and change the object
 * it passed. Our own instrumentations build a fresh object per span and never touch it again,
 * so copying it is pure cost (a keyed store with a hidden-class transition per attribute:
 * ~200 ns of an HTTP server span's ~500). They hand the object over instead: the next
 * SkeinSpan started with exactly this object adopts it after checking every value, as it
 * would have checked them while copying. A plain module variable rather than a marker on the
 * object, so the object's shape stays that of its literal and the check is one comparison.
 */
let handedOver: Attributes | undefined;

/**
 * Marks `attributes` as owned by the span about to be started with it (undefined clears the
 * mark). Call it right before `startSpan` and clear it right after, so an object that some
 * other tracer received is never adopted later.
 */
export function handOverStartAttributes(attributes: Attributes | undefined): void {
  handedOver = attributes;
}

/** True (once) when `attributes` is the object just handed over. */
export function takeHandedOverAttributes(attributes: Attributes): boolean {
  if (attributes !== handedOver) return false;
  handedOver = undefined;
  return true;
}
