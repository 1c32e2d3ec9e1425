import { SpanStatusCode, type Span } from '@opentelemetry/api';

/**
 * Whether this request should fail on purpose. `?fail=1` / `?fail=0` force the outcome (the tests
 * and curl users want a sure thing); otherwise a `rate` share of requests fail (DEMO_ERROR_RATE).
 */
export function shouldFail(forced: unknown, rate: number, random: () => number = Math.random): boolean {
  if (forced === '1' || forced === 'true') return true;
  if (forced === '0' || forced === 'false') return false;
  return random() < rate;
}

/** The error the demo injects; its message says where it came from so nobody hunts a real bug. */
export class SimulatedFailure extends Error {
  constructor(what: string) {
    super(`${what} (simulated failure: see DEMO_ERROR_RATE)`);
    this.name = 'SimulatedFailure';
  }
}

/** Records the error on the span as OpenTelemetry describes it: an exception event and an ERROR status. */
export function markFailed(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
