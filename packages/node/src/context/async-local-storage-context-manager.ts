import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { bindEventEmitter } from './bind-event-emitter.js';

/** Module-level, so `with(ctx, fn, thisArg)` needs no closure per call. */
function callWithThis(fn: (...args: unknown[]) => unknown, thisArg: unknown, args: unknown[]): unknown {
  return fn.apply(thisArg, args);
}

/**
 * The active OpenTelemetry Context, carried across await, timers and callbacks by Node's
 * AsyncLocalStorage. `with` is one AsyncLocalStorage.run: no allocation besides what the
 * caller's arguments need.
 */
export class AsyncLocalStorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    if (thisArg === undefined || thisArg === null) return this.storage.run(context, fn, ...args);
    return this.storage.run(context, callWithThis, fn as unknown as (...a: unknown[]) => unknown, thisArg, args) as ReturnType<F>;
  }

  /**
   * Functions: returns a wrapper that runs `target` with `context` active. EventEmitters:
   * patches the emitter so every listener added later runs with `context` active (and can
   * still be removed by the original function). Anything else is returned unchanged.
   */
  bind<T>(context: Context, target: T): T {
    if (target instanceof EventEmitter) return bindEventEmitter(target, context, this) as T;
    if (typeof target === 'function') return this.bindFunction(context, target as (...args: unknown[]) => unknown) as T;
    return target;
  }

  /** Runs `fn` with `context` active whenever the returned function is called; keeps `this` and arity. */
  bindFunction<F extends (...args: never[]) => unknown>(context: Context, fn: F): F {
    const storage = this.storage;
    const bound = function (this: unknown, ...args: unknown[]): unknown {
      return storage.run(context, callWithThis, fn as unknown as (...a: unknown[]) => unknown, this, args);
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    return bound as unknown as F;
  }

  /**
   * Makes `context` active for the rest of the current execution and what it schedules, with no
   * callback to wrap. The HTTP server instrumentation needs it: Node publishes
   * `http.server.request.start` just before it emits 'request', so the handler cannot be run
   * inside `with`. Same shape as OpenTelemetry's experimental ContextManager.attach.
   */
  attach(context: Context): { dispose(): void } {
    const previous = this.storage.getStore();
    this.storage.enterWith(context);
    return { dispose: () => this.storage.enterWith(previous ?? ROOT_CONTEXT) };
  }

  enable(): this {
    return this;
  }

  /** Forgets the active context everywhere; `with` works again afterwards (it re-enables the storage). */
  disable(): this {
    this.storage.disable();
    return this;
  }
}
