import type { AnyValue, Attribute, Span } from '@skein/model';

/**
 * A rough count of the memory a span holds, so the in-memory store can honour a size cap
 * (`--retention-size`) even though it has nothing on disk. Not exact: the order of magnitude is
 * what keeps memory bounded.
 */
export function estimateSpanBytes(span: Span): number {
  let n = 200 + span.name.length * 2 + span.traceState.length * 2 + span.status.message.length * 2;
  n += attributesBytes(span.attributes);
  for (const e of span.events) n += 48 + e.name.length * 2 + attributesBytes(e.attributes);
  for (const l of span.links) n += 96 + l.traceState.length * 2 + attributesBytes(l.attributes);
  // Resources and scopes are shared between the spans of one export; count them once per span
  // anyway (an overestimate errs on the side of bounded memory).
  n += attributesBytes(span.resource.attributes) / 8;
  return Math.ceil(n);
}

function attributesBytes(attrs: readonly Attribute[]): number {
  let n = 0;
  for (const a of attrs) n += 32 + a.key.length * 2 + valueBytes(a.value);
  return n;
}

function valueBytes(v: AnyValue): number {
  switch (v.type) {
    case 'string':
      return 16 + v.value.length * 2;
    case 'bytes':
      return 64 + v.value.byteLength;
    case 'array':
      return 32 + v.value.reduce((sum, x) => sum + valueBytes(x), 0);
    case 'kvlist':
      return 32 + attributesBytes(v.value);
    default:
      return 16;
  }
}
