import { serviceNameOf, type SpanKind, type StatusCode } from '@skein/model';
import type { SpanOutline } from '../trace-store.js';
import { BIT_SHARED } from './schema.js';
import type { SpanRefs } from './span-rows.js';

/** The stored columns getTraceOutline reads: attributes, events and links are never touched. */
export const OUTLINE_SELECT_LIST = ['trace_id', 'span_id', 'parent_id', 'start_ns', 'duration_ns', 'resource_id', 'name', 'kind', 'status_code', 'status_message', 'span_bits'].join(', ');

/**
 * What getTraceOutline gives back, in outlinesFromColumns' order. The text goes through one JSON
 * string per row for the reason given at SPAN_READ_LIST.
 */
export const OUTLINE_READ_LIST = [
  'start_ns', 'duration_ns', 'resource_id', 'kind', 'status_code', 'span_bits',
  `json_array(printf('%016x', span_id), CASE WHEN parent_id = 0 THEN '' ELSE printf('%016x', parent_id) END, name, status_message)::VARCHAR`,
].join(', ');

type OutlineText = [spanId: string, parentSpanId: string, name: string, statusMessage: string];

/** Outlines from column arrays in OUTLINE_READ_LIST order. */
export function outlinesFromColumns(columns: unknown[][], refs: Pick<SpanRefs, 'resources'>): SpanOutline[] {
  const [starts, durations, resourceIds, kinds, statusCodes, bits, texts] = columns as [
    bigint[], bigint[], number[], number[], number[], number[], string[],
  ];
  const serviceOf = new Map<number, string>();
  const out: SpanOutline[] = [];
  const n = starts?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const resourceId = resourceIds[i]!;
    let serviceName = serviceOf.get(resourceId);
    if (serviceName === undefined) {
      const resource = refs.resources.get(resourceId);
      if (!resource) throw new Error(`span references unknown resource ${resourceId}`);
      serviceName = serviceNameOf(resource);
      serviceOf.set(resourceId, serviceName);
    }
    const [spanId, parentSpanId, name, statusMessage] = JSON.parse(texts[i]!) as OutlineText;
    const start = starts[i]!;
    out.push({
      spanId,
      parentSpanId,
      serviceName,
      name,
      kind: kinds[i]! as SpanKind,
      startTimeUnixNano: start,
      endTimeUnixNano: start + durations[i]!,
      statusCode: statusCodes[i]! as StatusCode,
      statusMessage,
      shared: (bits[i]! & BIT_SHARED) !== 0,
    });
  }
  return out;
}
