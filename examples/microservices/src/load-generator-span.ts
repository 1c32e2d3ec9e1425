/** What the load generator knows about one request it sent. */
export interface SentRequest {
  readonly traceId: string;
  readonly spanId: string;
  readonly url: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The HTTP status, or undefined when no answer came (connection refused, timeout). */
  readonly status: number | undefined;
  readonly error?: string;
}

export const LOAD_GENERATOR_SERVICE = 'load-generator';

/** Milliseconds (with a fraction) since the epoch, as OTLP's decimal nanoseconds. */
const unixNano = (ms: number): string => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

/**
 * The load generator's own client span, as an OTLP/HTTP JSON request body. The generator sends
 * a `traceparent` naming this span, so api-01's server span has a real parent and the trace
 * has a root in the UI instead of a "missing parent" warning.
 */
export function loadGeneratorSpanJson(req: SentRequest): string {
  const failed = req.status === undefined || req.status >= 400;
  const attributes: Array<{ key: string; value: Record<string, string> }> = [
    { key: 'http.request.method', value: { stringValue: 'GET' } },
    { key: 'url.full', value: { stringValue: req.url } },
  ];
  if (req.status !== undefined) attributes.push({ key: 'http.response.status_code', value: { intValue: String(req.status) } });
  if (req.error !== undefined) attributes.push({ key: 'error.type', value: { stringValue: req.error } });
  const span = {
    traceId: req.traceId,
    spanId: req.spanId,
    name: 'GET',
    kind: 3, // SPAN_KIND_CLIENT
    startTimeUnixNano: unixNano(req.startMs),
    endTimeUnixNano: unixNano(req.endMs),
    attributes,
    // Client spans: every 4xx/5xx and every request without an answer is an error (OpenTelemetry HTTP semantics).
    status: failed ? { code: 2, message: req.error ?? `HTTP ${req.status}` } : { code: 0 },
  };
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: LOAD_GENERATOR_SERVICE } }] },
        scopeSpans: [{ scope: { name: 'skein-demo' }, spans: [span] }],
      },
    ],
  });
}
