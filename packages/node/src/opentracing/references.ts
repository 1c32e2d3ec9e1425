import { diag, isSpanContextValid, type Baggage, type Link } from '@opentelemetry/api';
import { REFERENCE_CHILD_OF, REFERENCE_FOLLOWS_FROM } from 'opentracing';
import { asBridgeSpanContext, hasBaggage, type SkeinOpenTracingSpanContext } from './span-context.js';

/** The parent, links and initial baggage of a new span, worked out from its OpenTracing references. */
export interface ResolvedReferences {
  /** The parent context, or undefined when the span was given no usable reference. */
  readonly parent: SkeinOpenTracingSpanContext | undefined;
  readonly links: Link[] | undefined;
  /** Union of the referenced contexts' baggage; undefined when no reference was given. */
  readonly baggage: Baggage | undefined;
}

const NO_REFERENCES: ResolvedReferences = { parent: undefined, links: undefined, baggage: undefined };

interface ReferenceLike {
  type(): string;
  referencedContext(): unknown;
}

/**
 * `childOf` is the parent when given; otherwise the first CHILD_OF reference, else the first
 * FOLLOWS_FROM one. Every other reference becomes a link carrying `opentracing.ref_type`, as the
 * OpenTracing compatibility spec names it. Baggage is the union of all referenced contexts'
 * baggage (later references win on repeated keys).
 */
export function resolveReferences(childOf: unknown, references: unknown): ResolvedReferences {
  const explicitParent = childOf === undefined || childOf === null ? undefined : asBridgeSpanContext(childOf);
  if (childOf !== undefined && childOf !== null && explicitParent === undefined) {
    diag.debug('@skein/node opentracing: childOf is not a span or span context; ignored');
  }
  const refs = collectReferences(references);
  if (explicitParent === undefined && refs === undefined) return NO_REFERENCES;

  let parentIndex = -1;
  if (explicitParent === undefined && refs !== undefined) {
    parentIndex = refs.findIndex((ref) => ref.type === REFERENCE_CHILD_OF);
    if (parentIndex < 0) parentIndex = refs.findIndex((ref) => ref.type === REFERENCE_FOLLOWS_FROM);
    if (parentIndex < 0) parentIndex = 0;
  }
  const parent = explicitParent ?? refs?.[parentIndex]?.context;
  let baggage = parent?.baggage;
  let links: Link[] | undefined;
  if (refs !== undefined) {
    for (let i = 0; i < refs.length; i++) {
      if (i === parentIndex) continue;
      const ref = refs[i]!;
      if (isSpanContextValid(ref.context.otelSpanContext)) {
        (links ??= []).push({ context: ref.context.otelSpanContext, attributes: { 'opentracing.ref_type': ref.type } });
      }
      baggage = mergeBaggage(baggage, ref.context.baggage);
    }
  }
  return { parent, links, baggage };
}

interface ResolvedReference {
  readonly type: string;
  readonly context: SkeinOpenTracingSpanContext;
}

function collectReferences(references: unknown): ResolvedReference[] | undefined {
  if (!Array.isArray(references) || references.length === 0) return undefined;
  let resolved: ResolvedReference[] | undefined;
  for (const reference of references) {
    const context = isReferenceLike(reference) ? asBridgeSpanContext(reference.referencedContext()) : undefined;
    if (context === undefined) {
      diag.debug('@skein/node opentracing: a reference without a usable span context was ignored');
      continue;
    }
    (resolved ??= []).push({ type: String((reference as ReferenceLike).type()), context });
  }
  return resolved;
}

function isReferenceLike(value: unknown): value is ReferenceLike {
  return typeof value === 'object' && value !== null
    && typeof (value as ReferenceLike).type === 'function'
    && typeof (value as ReferenceLike).referencedContext === 'function';
}

function mergeBaggage(into: Baggage | undefined, from: Baggage): Baggage {
  if (into === undefined || !hasBaggage(into)) return from;
  let merged = into;
  for (const [key, entry] of from.getAllEntries()) merged = merged.setEntry(key, entry);
  return merged;
}
