import type { Span } from '@opentelemetry/api';
import { runInNewSpan, type TracedOptions } from './run-in-new-span.js';
import { traceMethod, type TracedMethod } from './traced-method.js';

/** What `@traced(name?, options?)` returns: a standard (TC39) method decorator. */
export type TracedMethodDecorator = <This, Args extends unknown[], Return>(
  method: TracedMethod<This, Args, Return>,
  decoratorContext: ClassMethodDecoratorContext<This, TracedMethod<This, Args, Return>>,
) => TracedMethod<This, Args, Return> | void;

/**
 * Runs `fn` in a new active span named `name` and returns what it returns. A throw, or a
 * rejection of the returned promise, is recorded (exception event, ERROR status) and rethrown;
 * the span ends in every case — when `fn` returns, or when its promise settles.
 *
 * ```ts
 * const user = await traced('load user', () => db.users.find(id));
 * ```
 */
export function traced<T>(name: string, fn: (span: Span) => T, options?: TracedOptions): T;
/**
 * Method decorator: each call runs in a new span named `name` (default `ClassName.method`).
 * Works on sync and async methods, static and instance, and keeps `this`.
 *
 * ```ts
 * class Checkout { @traced() async pay(order: Order) { ... } }
 * ```
 */
export function traced(name?: string, options?: TracedOptions): TracedMethodDecorator;
/** `@traced` without parentheses. */
export function traced<This, Args extends unknown[], Return>(
  method: TracedMethod<This, Args, Return>,
  decoratorContext: ClassMethodDecoratorContext<This, TracedMethod<This, Args, Return>>,
): TracedMethod<This, Args, Return> | void;
export function traced(first?: unknown, second?: unknown, third?: unknown): unknown {
  if (typeof first === 'function') {
    return traceMethod(first as TracedMethod<unknown, unknown[], unknown>, second as ClassMethodDecoratorContext, undefined, undefined);
  }
  if (typeof first === 'object' && first !== null) {
    // TypeScript's legacy experimentalDecorators call: (prototype, key, descriptor).
    return traceMethod(first as never, second as never, undefined, undefined);
  }
  if (typeof second === 'function') {
    return runInNewSpan(String(first), third as TracedOptions | undefined, second as (span: Span) => unknown, undefined, undefined);
  }
  const name = first === undefined ? undefined : String(first);
  const options = second as TracedOptions | undefined;
  return (method: TracedMethod<unknown, unknown[], unknown>, decoratorContext: ClassMethodDecoratorContext) =>
    traceMethod(method, decoratorContext, name, options);
}
