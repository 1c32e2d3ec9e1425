import { SpanKind, StatusCode, type Span } from '@skein/model';
import type { JaegerKeyValue } from './jaeger-json.js';
import { jaegerTags, stringTag } from './jaeger-tag.js';

/** OpenTracing's `span.kind` values; UNSPECIFIED has none and gets no tag. */
const SPAN_KIND_TAG_VALUES: Partial<Record<SpanKind, string>> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

/** The span.kind tag value of a kind, or '' (what Jaeger reports for spans without the tag). */
export const jaegerSpanKindName = (kind: SpanKind): string => SPAN_KIND_TAG_VALUES[kind] ?? '';

/**
 * A span's Jaeger tags, in the order the OpenTelemetry Collector's Jaeger translator writes
 * them: scope name/version, the span's attributes, then the fields Jaeger has no slot for
 * (kind, status code, the OpenTracing `error` flag, status message, W3C tracestate).
 */
export function jaegerSpanTags(span: Span): JaegerKeyValue[] {
  const tags: JaegerKeyValue[] = [];
  if (span.scope.name) tags.push(stringTag('otel.scope.name', span.scope.name));
  if (span.scope.version) tags.push(stringTag('otel.scope.version', span.scope.version));
  tags.push(...jaegerTags(span.attributes));
  const kind = jaegerSpanKindName(span.kind);
  if (kind) tags.push(stringTag('span.kind', kind));
  if (span.status.code === StatusCode.ERROR) {
    tags.push(stringTag('otel.status_code', 'ERROR'));
    tags.push({ key: 'error', type: 'bool', value: true });
  } else if (span.status.code === StatusCode.OK) {
    tags.push(stringTag('otel.status_code', 'OK'));
  }
  if (span.status.message) tags.push(stringTag('otel.status_description', span.status.message));
  if (span.traceState) tags.push(stringTag('w3c.tracestate', span.traceState));
  return tags;
}
