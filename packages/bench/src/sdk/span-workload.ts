import { SpanKind, type Tracer } from '@opentelemetry/api';

/** One SDK set up for the span-cost loop: a tracer whose spans end in a batch processor. */
export interface SpanWorkload {
  readonly tracer: Tracer;
  /** Spans the processor handed to the (dropping) exporter so far. */
  exportedSpans(): number;
  /** Exports whatever is still queued. */
  flush(): Promise<void>;
}

const SERVER = { kind: SpanKind.SERVER };

/**
 * The measured unit, identical for both SDKs: start a server span, set three attributes (a
 * string, an int, a string), end it; ending hands it to the batch processor. Uses the API's
 * active context, as instrumentation does (no context manager is registered: root spans).
 */
export function runSpans(tracer: Tracer, count: number): void {
  for (let i = 0; i < count; i++) {
    const span = tracer.startSpan('GET /users/:id', SERVER);
    span.setAttribute('http.request.method', 'GET');
    span.setAttribute('http.response.status_code', 200);
    span.setAttribute('http.route', '/users/:id');
    span.end();
  }
}

/**
 * Spans between turns of the event loop. Both batch processors export from the event loop (ours
 * from setImmediate, OpenTelemetry's after a microtask once 512 spans are queued), so a loop
 * that never yields would fill the 2048-span queue and then measure dropping, not enqueueing.
 * 1000 keeps both queues well below 2048.
 */
const SPANS_PER_TURN = 1000;

/** `count` spans in slices with a macrotask turn between them, so exports keep up. */
export async function runSpansYielding(tracer: Tracer, count: number): Promise<void> {
  for (let done = 0; done < count; done += SPANS_PER_TURN) {
    runSpans(tracer, Math.min(SPANS_PER_TURN, count - done));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
