import { diag } from '@opentelemetry/api';
import { runInNewSpan, type TracedOptions } from './run-in-new-span.js';

/** A method as TC39 (TypeScript 5 standard) decorators see it. */
export type TracedMethod<This, Args extends unknown[], Return> = (this: This, ...args: Args) => Return;

/**
 * Wraps a class method so every call runs in a new span (TypeScript 5 standard decorators,
 * not `experimentalDecorators`). The default span name is `ClassName.method`; the class is
 * only known once the method is called, so the name is worked out on the first call and kept.
 *
 * Anything but a TC39 method decoration (a field, or TypeScript's legacy
 * `experimentalDecorators` call with a prototype and a descriptor) leaves the member as it is
 * (by returning undefined, which both decorator protocols read as "no change") and says why.
 */
export function traceMethod<This, Args extends unknown[], Return>(
  method: TracedMethod<This, Args, Return>,
  decoratorContext: ClassMethodDecoratorContext<This, TracedMethod<This, Args, Return>>,
  name: string | undefined,
  options: TracedOptions | undefined,
): TracedMethod<This, Args, Return> | undefined {
  if (typeof method !== 'function' || typeof decoratorContext !== 'object' || decoratorContext === null || decoratorContext.kind !== 'method') {
    diag.warn('@skein/node: @traced only decorates class methods, with TypeScript 5 standard decorators (not experimentalDecorators); left unchanged');
    return undefined;
  }
  let spanName = name;
  const methodName = memberName(decoratorContext.name);
  const replacement = function (this: This, ...args: Args): Return {
    if (spanName === undefined) {
      spanName = `${definingClassName(this, decoratorContext, replacement)}.${methodName}`;
    }
    return runInNewSpan(spanName, options, method, this, args);
  };
  return replacement;
}

function memberName(name: string | symbol): string {
  return typeof name === 'symbol' ? `[${name.description ?? ''}]` : name;
}

/**
 * The class that declares the method, not the (possibly derived) class of `this`: the span
 * name should not change with whichever subclass instance happens to call first.
 */
function definingClassName(
  receiver: unknown,
  decoratorContext: ClassMethodDecoratorContext<any, any>,
  replacement: Function,
): string {
  if (!decoratorContext.private) {
    let owner: unknown = receiver;
    while (owner !== null && (typeof owner === 'object' || typeof owner === 'function')) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, decoratorContext.name);
      if (descriptor !== undefined && descriptor.value === replacement) return classNameOf(owner);
      owner = Object.getPrototypeOf(owner);
    }
  }
  return classNameOf(receiver);
}

function classNameOf(holder: unknown): string {
  // Static methods live on the constructor itself; instance methods on its prototype.
  if (typeof holder === 'function') return holder.name || 'anonymous';
  if (typeof holder === 'object' && holder !== null) {
    const constructorName = (holder as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof constructorName === 'string' && constructorName !== '') return constructorName;
  }
  return 'anonymous';
}
