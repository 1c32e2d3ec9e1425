import { ROOT_CONTEXT, SpanKind, trace, TraceFlags, createTraceState } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';
import type { Sampler, SamplingResult } from './sampler.js';

/** Test support: the arguments every sampler call needs besides the context and trace id. */
export function decide(sampler: Sampler, traceId: string, options: { parent?: Context; name?: string } = {}): SamplingResult {
  return sampler.shouldSample(options.parent ?? ROOT_CONTEXT, traceId, options.name ?? 'span', SpanKind.INTERNAL, {}, []);
}

/** Random ids drawn from a pooled buffer: tests draw tens of thousands. */
let pool = Buffer.alloc(0);
let poolAt = 0;
export function randomTraceId(): string {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(16 * 4096);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.toString('hex', poolAt - 16, poolAt);
}

/** A context whose parent span has the given trace flags, remote or local, and trace state. */
export function parentContext(options: { sampled: boolean; remote: boolean; traceId?: string; traceState?: string }): Context {
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: options.traceId ?? '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags: options.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: options.remote,
    ...(options.traceState !== undefined ? { traceState: createTraceState(options.traceState) } : {}),
  });
}
