import { SpanKind, SpanStatusCode, type SpanStatus } from '@opentelemetry/api';

/** The OpenTracing tags the bridge maps to OpenTelemetry fields instead of attributes. */
export const SPAN_KIND_TAG = 'span.kind';
export const ERROR_TAG = 'error';

/** `span.kind` tag values (opentracing.Tags.SPAN_KIND_*) and the OpenTelemetry kind each means. */
export function spanKindFromTag(value: unknown): SpanKind | undefined {
  switch (typeof value === 'string' ? value.toLowerCase() : value) {
    case 'server': return SpanKind.SERVER;
    case 'client': return SpanKind.CLIENT;
    case 'producer': return SpanKind.PRODUCER;
    case 'consumer': return SpanKind.CONSUMER;
    case 'internal': return SpanKind.INTERNAL;
    default: return undefined;
  }
}

const ERROR_STATUS: SpanStatus = { code: SpanStatusCode.ERROR };
const OK_STATUS: SpanStatus = { code: SpanStatusCode.OK };

/**
 * The status an `error` tag sets, per the OpenTracing compatibility spec: true → ERROR,
 * false → OK. Other values (and the string forms some tracers accepted) are read the same way;
 * anything unrecognisable leaves the status alone.
 */
export function statusFromErrorTag(value: unknown): SpanStatus | undefined {
  if (value === true || value === 'true') return ERROR_STATUS;
  if (value === false || value === 'false') return OK_STATUS;
  return undefined;
}
