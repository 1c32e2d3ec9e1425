import { context } from '@opentelemetry/api';
import type { Context, ContextManager } from '@opentelemetry/api';

// Why this exists: Node publishes `http.server.request.start` synchronously just before it
// emits 'request', so a subscriber cannot wrap the handler in `context.with(...)`. Node 20
// offers no store binding for that channel either: `channel.bindStore()` only takes effect
// through `channel.runStores()`, which the http server does not use. What does work is
// `AsyncLocalStorage#enterWith`: it sets the store for the rest of the current synchronous
// execution (the parser callback that is about to emit 'request') and for every async
// operation created from it (the handler's promises, timers, the request's 'data' events).
//
// The contract with the context manager is OpenTelemetry's own (experimental)
// `ContextManager.attach(context)` — "imperatively sets context as active for the current
// async execution chain", implemented with `enterWith` by @opentelemetry/context-async-hooks'
// AsyncLocalStorageContextManager since 2.x — so this works with Skein's manager and with
// OpenTelemetry's. A manager without `attach` gets no handler context (spans are still made).

/** A context manager that can set the active context imperatively. */
export interface AttachableContextManager extends ContextManager {
  attach(context: Context): unknown;
}

interface ContextApiInternals {
  _getContextManager?: () => ContextManager;
}

/** The manager registered with @opentelemetry/api (its accessor is internal, hence the cast). */
export function registeredContextManager(): ContextManager | undefined {
  const api = context as unknown as ContextApiInternals;
  return typeof api._getContextManager === 'function' ? api._getContextManager() : undefined;
}

export function supportsAttach(manager: ContextManager | undefined): manager is AttachableContextManager {
  return manager !== undefined && typeof (manager as Partial<AttachableContextManager>).attach === 'function';
}

/**
 * Makes `ctx` the active context for the rest of the current execution and everything it
 * schedules. Returns false (and does nothing) when the registered manager can't do that.
 */
export function setActiveContextForCurrentExecution(ctx: Context): boolean {
  const manager = registeredContextManager();
  return supportsAttach(manager) && attachQuietly(manager, ctx);
}

/** `manager.attach(ctx)`, false instead of an exception. */
export function attachQuietly(manager: AttachableContextManager, ctx: Context): boolean {
  try {
    manager.attach(ctx);
    return true;
  } catch {
    return false;
  }
}
