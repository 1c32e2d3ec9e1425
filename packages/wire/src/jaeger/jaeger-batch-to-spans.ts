import type { Resource, Span } from '@skein/model';
import { processToResource } from './jaeger-process.js';
import { JaegerScopes } from './jaeger-special-tags.js';
import type { JaegerProcessParts, JaegerSpanParts } from './jaeger-span-parts.js';
import { jaegerPartsToSpan } from './jaeger-span-to-model.js';

/** The spans of one Jaeger Batch, all sharing the one Resource made from the batch's process. */
export function jaegerBatchToSpans(process: JaegerProcessParts | undefined, parts: readonly JaegerSpanParts[], scopes = new JaegerScopes()): Span[] {
  const resource: Resource = processToResource(process);
  const spans = new Array<Span>(parts.length);
  for (let i = 0; i < parts.length; i++) spans[i] = jaegerPartsToSpan(parts[i]!, resource, scopes);
  return spans;
}
