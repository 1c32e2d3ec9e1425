import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Context, ContextManager } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AsyncLocalStorageContextManager as SkeinContextManager } from '../context/async-local-storage-context-manager.js';
import { registeredContextManager, setActiveContextForCurrentExecution } from './active-context-hook.js';

const KEY = createContextKey('active-context-hook test');

/** A manager that can only run callbacks, like the API's no-op one. */
class WithOnlyContextManager implements ContextManager {
  active(): Context {
    return ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(_ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return fn.call(thisArg, ...args);
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

describe('setActiveContextForCurrentExecution', () => {
  afterEach(() => context.disable());

  it('finds the registered manager', () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    assert.equal(registeredContextManager(), manager);
  });

  it("sets the active context for the rest of the execution and what it schedules (OpenTelemetry's manager)", async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const seen = await new Promise<unknown[]>((resolve) => {
      // A fresh async resource, like the parser callback the channel runs in.
      setImmediate(() => {
        const entered = ROOT_CONTEXT.setValue(KEY, 'request-1');
        assert.equal(setActiveContextForCurrentExecution(entered), true);
        const sync = context.active().getValue(KEY);
        setTimeout(() => {
          Promise.resolve().then(() => resolve([sync, context.active().getValue(KEY)]));
        }, 1);
      });
    });
    assert.deepEqual(seen, ['request-1', 'request-1']);
    // ...and it stayed inside that execution.
    assert.equal(context.active().getValue(KEY), undefined);
  });

  // Skein's own manager attaches with AsyncLocalStorage#enterWith, so request handlers see the
  // server span under startSkeinNode().
  it("works with Skein's own AsyncLocalStorageContextManager", async () => {
    context.setGlobalContextManager(new SkeinContextManager().enable());
    const seen = await new Promise<unknown>((resolve) => {
      setImmediate(() => {
        setActiveContextForCurrentExecution(ROOT_CONTEXT.setValue(KEY, 'skein'));
        setTimeout(() => resolve(context.active().getValue(KEY)), 1);
      });
    });
    assert.equal(seen, 'skein');
  });

  it('reports false and changes nothing when the manager cannot attach', () => {
    context.setGlobalContextManager(new WithOnlyContextManager());
    assert.equal(setActiveContextForCurrentExecution(ROOT_CONTEXT.setValue(KEY, 'x')), false);
    assert.equal(context.active().getValue(KEY), undefined);
  });

  it('reports false with no manager registered (the API no-op manager)', () => {
    assert.equal(setActiveContextForCurrentExecution(ROOT_CONTEXT.setValue(KEY, 'x')), false);
  });

  it('swallows a throwing attach', () => {
    const manager = new WithOnlyContextManager() as WithOnlyContextManager & { attach(ctx: Context): never };
    manager.attach = () => {
      throw new Error('broken manager');
    };
    context.setGlobalContextManager(manager);
    assert.equal(setActiveContextForCurrentExecution(ROOT_CONTEXT), false);
  });
});
