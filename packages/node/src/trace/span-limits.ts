import { diag } from '@opentelemetry/api';

/**
 * Bounds on what one span may hold, so a runaway loop in an application cannot grow a span
 * without limit. Parsing OTEL_SPAN_* / OTEL_ATTRIBUTE_* variables is config/'s job; the
 * provider only merges and sanitizes what it is given.
 */
export interface SpanLimits {
  /** Distinct attribute keys per span; further new keys are dropped and counted. */
  attributeCountLimit: number;
  /** Maximum length of string values (and of each string in a string array); longer ones are truncated. */
  attributeValueLengthLimit: number;
  /** Events per span; when full, the oldest event is dropped and counted. */
  eventCountLimit: number;
  /** Links per span; when full, the oldest link is dropped and counted. */
  linkCountLimit: number;
  attributePerEventCountLimit: number;
  attributePerLinkCountLimit: number;
}

/** The OpenTelemetry specification's defaults: 128 of everything, no value length limit. */
export const DEFAULT_SPAN_LIMITS: Readonly<SpanLimits> = Object.freeze({
  attributeCountLimit: 128,
  attributeValueLengthLimit: Infinity,
  eventCountLimit: 128,
  linkCountLimit: 128,
  attributePerEventCountLimit: 128,
  attributePerLinkCountLimit: 128,
});

const LIMIT_NAMES = Object.keys(DEFAULT_SPAN_LIMITS) as (keyof SpanLimits)[];

/**
 * Fills in defaults and replaces values that are not a non-negative number (NaN, negative,
 * strings from a sloppy config) with the default, so the span's hot path can compare
 * without checking. Fractions are floored; Infinity means "no limit".
 */
export function resolveSpanLimits(overrides: Partial<SpanLimits> | undefined): SpanLimits {
  const resolved = { ...DEFAULT_SPAN_LIMITS };
  if (overrides === undefined || overrides === null) return resolved;
  for (const name of LIMIT_NAMES) {
    const value: unknown = overrides[name];
    if (typeof value === 'number' && value >= 0) resolved[name] = Math.floor(value);
    else if (value !== undefined) diag.warn(`Skein: ignoring span limit ${name}=${typeof value === 'number' ? value : typeof value}, using ${resolved[name]}`);
  }
  return resolved;
}
