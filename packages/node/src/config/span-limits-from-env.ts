import type { SpanLimits } from '../trace/span-limits.js';
import type { Env } from './env.js';
import { envNonNegativeInteger, envString } from './env.js';

/** The spec's defaults (OpenTelemetry SDK configuration, "Attribute Limits" and "Span Limits"). */
const DEFAULT_COUNT_LIMIT = 128;

/**
 * The span limits from OTEL_SPAN_* and the general OTEL_ATTRIBUTE_* variables. The span-specific
 * variable wins over the general one, which wins over the default; bad values warn and fall
 * through to the next candidate. Infinity means no limit (the spec's default value length).
 */
export function spanLimitsFromEnv(env: Env): SpanLimits {
  const attributeCountLimit = firstOf(env, 'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'OTEL_ATTRIBUTE_COUNT_LIMIT', DEFAULT_COUNT_LIMIT);
  const attributeValueLengthLimit = firstOf(env, 'OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT', Infinity);
  return {
    attributeCountLimit,
    attributeValueLengthLimit,
    eventCountLimit: envNonNegativeInteger(env, 'OTEL_SPAN_EVENT_COUNT_LIMIT', DEFAULT_COUNT_LIMIT),
    linkCountLimit: envNonNegativeInteger(env, 'OTEL_SPAN_LINK_COUNT_LIMIT', DEFAULT_COUNT_LIMIT),
    attributePerEventCountLimit: envNonNegativeInteger(env, 'OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT', DEFAULT_COUNT_LIMIT),
    attributePerLinkCountLimit: envNonNegativeInteger(env, 'OTEL_LINK_ATTRIBUTE_COUNT_LIMIT', DEFAULT_COUNT_LIMIT),
  };
}

function firstOf(env: Env, specific: string, general: string, defaultValue: number): number {
  const fallback = envNonNegativeInteger(env, general, defaultValue);
  return envString(env, specific) === undefined ? fallback : envNonNegativeInteger(env, specific, fallback);
}
