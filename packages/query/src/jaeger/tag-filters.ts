import { SpanKind, StatusCode } from '@skein/model';
import type { AttributeCondition } from '@skein/store';

/** The span-level part of a search that Jaeger tags can express. */
export interface SpanFilter {
  readonly attributes: readonly AttributeCondition[];
  readonly statusCode?: StatusCode;
  readonly spanKind?: SpanKind;
}

type Alternative = Omit<SpanFilter, 'attributes'> & { readonly attribute?: AttributeCondition };

const KIND_BY_TAG_VALUE: Record<string, SpanKind> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/**
 * Turns Jaeger search tags into span filters, ORed: a trace matches when one of its spans
 * passes ANY returned filter.
 *
 * Most tags are attribute equality. A few tags are ones Jaeger *derives* from span fields when
 * it shows OTLP spans (see span-tags.ts), so users search for them although Skein stores them as
 * fields: `error=true` and `otel.status_code=ERROR|OK` mean the span's status, `span.kind=server`
 * its kind. Those match the field OR a literal attribute of that name (which spans from
 * instrumentations that set `error` themselves carry), hence more than one filter.
 */
export function jaegerTagFilters(tags: ReadonlyMap<string, string>): SpanFilter[] {
  let filters: SpanFilter[] = [{ attributes: [] }];
  for (const [key, value] of tags) {
    const attribute: AttributeCondition = { key, op: '=', value };
    const alternatives: Alternative[] = [...derivedFieldAlternatives(key, value), { attribute }];
    const next: SpanFilter[] = [];
    for (const filter of filters) {
      for (const alt of alternatives) {
        const merged = merge(filter, alt);
        if (merged && !next.some((f) => sameFilter(f, merged))) next.push(merged);
      }
    }
    filters = next;
  }
  return filters;
}

function derivedFieldAlternatives(key: string, value: string): Alternative[] {
  if (key === 'error' && value === 'true') return [{ statusCode: StatusCode.ERROR }];
  if (key === 'otel.status_code' && value === 'ERROR') return [{ statusCode: StatusCode.ERROR }];
  if (key === 'otel.status_code' && value === 'OK') return [{ statusCode: StatusCode.OK }];
  if (key === 'span.kind' && value in KIND_BY_TAG_VALUE) return [{ spanKind: KIND_BY_TAG_VALUE[value]! }];
  return [];
}

/** Both conditions at once, or undefined when they contradict (two different statuses or kinds). */
function merge(filter: SpanFilter, alt: Alternative): SpanFilter | undefined {
  if (alt.statusCode !== undefined && filter.statusCode !== undefined && alt.statusCode !== filter.statusCode) return undefined;
  if (alt.spanKind !== undefined && filter.spanKind !== undefined && alt.spanKind !== filter.spanKind) return undefined;
  const statusCode = alt.statusCode ?? filter.statusCode;
  const spanKind = alt.spanKind ?? filter.spanKind;
  return {
    attributes: alt.attribute ? [...filter.attributes, alt.attribute] : filter.attributes,
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(spanKind !== undefined ? { spanKind } : {}),
  };
}

const sameFilter = (a: SpanFilter, b: SpanFilter): boolean => JSON.stringify(a) === JSON.stringify(b);
