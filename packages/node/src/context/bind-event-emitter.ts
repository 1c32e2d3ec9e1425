import type { Context } from '@opentelemetry/api';
import type { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** What bindEventEmitter needs from the context manager. */
export interface FunctionBinder {
  bindFunction<F extends (...args: never[]) => unknown>(context: Context, fn: F): F;
}

/** Per patched emitter: the bound wrapper of each original listener, per event name. */
interface PatchState {
  wrappers: Map<string | symbol, WeakMap<Listener, Listener>>;
  /** Set while a patched add method runs, so `once` calling `on` internally is not wrapped twice. */
  adding: boolean;
}

const PATCH_STATE = Symbol('skein.contextPatch');
const ADD_METHODS = ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener'] as const;
const REMOVE_METHODS = ['off', 'removeListener'] as const;

type PatchableEmitter = EventEmitter & { [PATCH_STATE]?: PatchState };

/**
 * Makes every listener added to `emitter` from now on run with `context` active. The
 * emitter's own methods are replaced on the instance only (never on EventEmitter.prototype);
 * removing a listener by its original function still works. An emitter is patched once:
 * binding it again to another context keeps the first one (as OpenTelemetry's manager does).
 */
export function bindEventEmitter<E extends EventEmitter>(emitter: E, context: Context, binder: FunctionBinder): E {
  const patchable = emitter as PatchableEmitter;
  if (patchable[PATCH_STATE] !== undefined) return emitter;
  const state: PatchState = { wrappers: new Map(), adding: false };
  Object.defineProperty(patchable, PATCH_STATE, { value: state, configurable: true, enumerable: false, writable: true });

  for (const method of ADD_METHODS) {
    const original = patchable[method] as unknown;
    if (typeof original !== 'function') continue;
    patchable[method] = function (this: EventEmitter, event: string | symbol, listener: Listener) {
      if (state.adding || typeof listener !== 'function') return original.call(this, event, listener);
      let wrappers = state.wrappers.get(event);
      if (wrappers === undefined) {
        wrappers = new WeakMap();
        state.wrappers.set(event, wrappers);
      }
      let wrapper = wrappers.get(listener);
      if (wrapper === undefined) {
        wrapper = binder.bindFunction(context, listener);
        wrappers.set(listener, wrapper);
      }
      state.adding = true;
      try {
        return original.call(this, event, wrapper);
      } finally {
        state.adding = false;
      }
    } as EventEmitter['on'];
  }

  for (const method of REMOVE_METHODS) {
    const original = patchable[method] as unknown;
    if (typeof original !== 'function') continue;
    patchable[method] = function (this: EventEmitter, event: string | symbol, listener: Listener) {
      const wrapper = state.wrappers.get(event)?.get(listener);
      return original.call(this, event, wrapper ?? listener);
    } as EventEmitter['off'];
  }

  const originalRemoveAll = patchable.removeAllListeners as unknown;
  if (typeof originalRemoveAll === 'function') {
    patchable.removeAllListeners = function (this: EventEmitter, ...args: [event?: string | symbol]) {
      if (args.length === 0) state.wrappers.clear();
      else state.wrappers.delete(args[0]!);
      return originalRemoveAll.apply(this, args);
    } as EventEmitter['removeAllListeners'];
  }
  return emitter;
}
