import { context, trace, type Context, type Span, type SpanOptions } from '@opentelemetry/api';
import { helperTracer } from './helper-tracer.js';
import { endWhenSettled, recordFailure } from './span-outcome.js';

/** Options of `traced`, `withSpan` and `@traced`: the span's options plus an explicit parent. */
export interface TracedOptions extends SpanOptions {
  /** Context the new span is a child of; the active context when absent. */
  readonly parentContext?: Context;
}

/**
 * The one implementation behind every helper: starts a span, runs `fn` with that span active,
 * records a throw or rejection (ERROR status + exception event) and rethrows it, and ends the
 * span when the work is done — synchronously, or when the returned promise settles.
 *
 * `args` are passed to `fn`; when undefined, `fn` receives the span instead.
 */
export function runInNewSpan<This, T>(
  name: string,
  options: TracedOptions | undefined,
  fn: (this: This, ...args: any[]) => T,
  thisArg: This,
  args: readonly unknown[] | undefined,
): T {
  const parent = options?.parentContext ?? context.active();
  const span: Span = helperTracer().startSpan(name, options, parent);
  let result: T;
  try {
    const active = trace.setSpan(parent, span);
    result = args === undefined ? context.with(active, fn, thisArg, span) : context.with(active, fn, thisArg, ...args);
  } catch (error) {
    recordFailure(span, error);
    span.end();
    throw error;
  }
  return endWhenSettled(span, result);
}
