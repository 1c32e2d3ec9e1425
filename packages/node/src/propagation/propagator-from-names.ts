import { diag } from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';
import { AwsXRayPropagator } from './aws-xray.js';
import { B3Propagator } from './b3.js';
import { CompositePropagator } from './composite.js';
import { JaegerPropagator } from './jaeger.js';
import { W3CBaggagePropagator } from './w3c-baggage.js';
import { W3CTraceContextPropagator } from './w3c-trace-context.js';

/** The OTEL_PROPAGATORS names we know, each with the propagator it means. */
const PROPAGATOR_FACTORIES: ReadonlyMap<string, () => TextMapPropagator> = new Map<string, () => TextMapPropagator>([
  ['tracecontext', () => new W3CTraceContextPropagator()],
  ['baggage', () => new W3CBaggagePropagator()],
  ['b3', () => new B3Propagator({ injectEncoding: 'single' })],
  ['b3multi', () => new B3Propagator({ injectEncoding: 'multi' })],
  ['jaeger', () => new JaegerPropagator()],
  ['xray', () => new AwsXRayPropagator()],
]);

/** The names `propagatorFromNames` understands (besides `none`). */
export const KNOWN_PROPAGATOR_NAMES: readonly string[] = [...PROPAGATOR_FACTORIES.keys()];

/**
 * The propagator OTEL_PROPAGATORS-style names ask for, in their order: `tracecontext`,
 * `baggage`, `b3` (single header), `b3multi`, `jaeger`, `xray`. Names are trimmed and
 * case-insensitive; duplicates count once; unknown names get a `diag.warn` and are skipped.
 * `none` anywhere means no propagation at all (as in OpenTelemetry JS's SDK); other names next
 * to it are reported and ignored.
 */
export function propagatorFromNames(names: readonly string[]): TextMapPropagator {
  const normalized: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const lower = name.trim().toLowerCase();
    if (lower.length > 0 && !normalized.includes(lower)) normalized.push(lower);
  }
  if (normalized.includes('none')) {
    if (normalized.length > 1) diag.warn(`OTEL_PROPAGATORS contains "none" with other names; propagation is off (ignored: ${normalized.filter((n) => n !== 'none').join(', ')})`);
    return new CompositePropagator([]);
  }
  const propagators: TextMapPropagator[] = [];
  for (const name of normalized) {
    const create = PROPAGATOR_FACTORIES.get(name);
    if (create === undefined) {
      diag.warn(`Unknown propagator "${name}" in OTEL_PROPAGATORS ignored; known: ${KNOWN_PROPAGATOR_NAMES.join(', ')}, none`);
      continue;
    }
    propagators.push(create());
  }
  return propagators.length === 1 ? propagators[0]! : new CompositePropagator(propagators);
}
