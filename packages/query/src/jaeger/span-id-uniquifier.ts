import { SpanKind, spanServiceName, type Span } from '@skein/model';

/**
 * Jaeger's SpanIDUniquifier adjuster, on Skein spans. Zipkin clients report both halves of an
 * RPC under one span id (the server half is `shared`); Jaeger UI needs unique ids. The server
 * half gets a new id and becomes the CHILD_OF its client half; its children (spans whose parent
 * was the shared id) are re-pointed at the new id. Jaeger re-points every such child; Skein
 * keeps a child that belongs to the client's service (and not the server's) under the client
 * half, the same attribution the store uses for dependency links.
 *
 * New ids are derived as Jaeger derives them, so Skein shows the same ids Jaeger would:
 * counting up from 0000000000000001, skipping ids the trace already uses. The result depends
 * only on the trace's spans and their order, which the store keeps deterministic.
 *
 * Returns the input array itself when nothing needs to change.
 */
export function uniquifySharedSpanIds(spans: readonly Span[]): readonly Span[] {
  const byId = new Map<string, Span[]>();
  for (const s of spans) {
    const group = byId.get(s.spanId);
    if (group) group.push(s);
    else byId.set(s.spanId, [s]);
  }
  if (byId.size === spans.length) return spans;

  const moved = new Map<string, { newId: string; serverService: string; clientServices: Set<string> }>();
  const nextId = freshIdSource(byId);
  const renamed = spans.map((span) => {
    const sameId = byId.get(span.spanId)!;
    if (!isServerHalfOfSharedId(span, sameId)) return span;
    const newId = nextId();
    if (newId === undefined) return span;
    const clientServices = new Set(sameId.filter((s) => s !== span).map(spanServiceName));
    moved.set(span.spanId, { newId, serverService: spanServiceName(span), clientServices });
    return { ...span, spanId: newId, parentSpanId: span.spanId };
  });
  return renamed.map((span) => {
    const target = moved.get(span.parentSpanId);
    if (target === undefined || target.newId === span.spanId) return span;
    const service = spanServiceName(span);
    if (service !== target.serverService && target.clientServices.has(service)) return span;
    return { ...span, parentSpanId: target.newId };
  });
}

function isServerHalfOfSharedId(span: Span, sameId: readonly Span[]): boolean {
  if (sameId.length < 2) return false;
  if (span.shared) return sameId.some((other) => other !== span && !other.shared);
  return span.kind === SpanKind.SERVER && sameId.some((other) => other !== span && other.kind === SpanKind.CLIENT);
}

const MAX_SPAN_ID = (1n << 64n) - 1n;

function freshIdSource(used: ReadonlyMap<string, unknown>): () => string | undefined {
  let last = 0n;
  return () => {
    for (let candidate = last + 1n; candidate <= MAX_SPAN_ID; candidate++) {
      const hex = candidate.toString(16).padStart(16, '0');
      if (!used.has(hex)) {
        last = candidate;
        return hex;
      }
    }
    return undefined;
  };
}
