import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createContextKey, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from './async-local-storage-context-manager.js';

const KEY = createContextKey('test key');
const ctx = (value: string): Context => ROOT_CONTEXT.setValue(KEY, value);
const valueOf = (manager: AsyncLocalStorageContextManager): unknown => manager.active().getValue(KEY);

test('active() is the root context outside any with()', () => {
  const manager = new AsyncLocalStorageContextManager().enable();
  assert.equal(manager.active(), ROOT_CONTEXT);
});

test('with() activates the context for the callback, nests, and restores afterwards', () => {
  const manager = new AsyncLocalStorageContextManager();
  const outer = ctx('outer');
  const result = manager.with(outer, () => {
    assert.equal(manager.active(), outer);
    manager.with(ctx('inner'), () => assert.equal(valueOf(manager), 'inner'));
    assert.equal(manager.active(), outer);
    return 42;
  });
  assert.equal(result, 42);
  assert.equal(manager.active(), ROOT_CONTEXT);
});

test('with() restores the context when the callback throws', () => {
  const manager = new AsyncLocalStorageContextManager();
  assert.throws(() =>
    manager.with(ctx('x'), () => {
      throw new Error('boom');
    }),
  );
  assert.equal(manager.active(), ROOT_CONTEXT);
});

test('with() passes thisArg and arguments', () => {
  const manager = new AsyncLocalStorageContextManager();
  const self = { factor: 3 };
  const result = manager.with(ctx('args'), function (this: typeof self, a: number, b: number) {
    assert.equal(valueOf(manager), 'args');
    return this.factor * (a + b);
  }, self, 1, 2);
  assert.equal(result, 9);
  assert.equal(manager.with(ctx('no this'), (a: string, b: string) => a + b, undefined, 'x', 'y'), 'xy');
});

test('the context follows await, timers, setImmediate, nextTick and promise callbacks', async () => {
  const manager = new AsyncLocalStorageContextManager();
  const seen = await manager.with(ctx('async'), async () => {
    const values: unknown[] = [];
    await new Promise((resolve) => setTimeout(resolve, 1));
    values.push(valueOf(manager));
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        values.push(valueOf(manager));
        resolve();
      }, 1),
    );
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        values.push(valueOf(manager));
        resolve();
      }),
    );
    await new Promise<void>((resolve) =>
      process.nextTick(() => {
        values.push(valueOf(manager));
        resolve();
      }),
    );
    await Promise.resolve().then(() => values.push(valueOf(manager)));
    return values;
  });
  assert.deepEqual(seen, ['async', 'async', 'async', 'async', 'async']);
  assert.equal(manager.active(), ROOT_CONTEXT);
});

test('concurrent async flows keep their own contexts', async () => {
  const manager = new AsyncLocalStorageContextManager();
  const flow = (name: string, delay: number) =>
    manager.with(ctx(name), async () => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const afterFirst = valueOf(manager);
      await new Promise((resolve) => setTimeout(resolve, 3 - delay));
      return [afterFirst, valueOf(manager)];
    });
  const [a, b] = await Promise.all([flow('a', 2), flow('b', 1)]);
  assert.deepEqual(a, ['a', 'a']);
  assert.deepEqual(b, ['b', 'b']);
});

test('bind(function) runs it in the bound context wherever it is called, keeping this, arguments and length', async () => {
  const manager = new AsyncLocalStorageContextManager();
  const bound = manager.bind(ctx('bound'), function (this: { n: number }, a: number, b: number) {
    return [valueOf(manager), this?.n, a + b];
  });
  assert.equal(bound.length, 2);
  assert.deepEqual(bound.call({ n: 7 }, 1, 2), ['bound', 7, 3]);
  const fromOther = manager.with(ctx('other'), () => bound.call({ n: 1 }, 0, 0));
  assert.equal(fromOther[0], 'bound');
  const later = await new Promise((resolve) => setTimeout(() => resolve(bound.call({ n: 0 }, 0, 0)[0]), 1));
  assert.equal(later, 'bound');
});

test('bind() returns other values unchanged', () => {
  const manager = new AsyncLocalStorageContextManager();
  const object = { a: 1 };
  assert.equal(manager.bind(ctx('x'), object), object);
  assert.equal(manager.bind(ctx('x'), 5), 5);
  assert.equal(manager.bind(ctx('x'), undefined), undefined);
});

test('bind(EventEmitter): listeners run in the bound context, whoever emits', () => {
  const manager = new AsyncLocalStorageContextManager();
  const emitter = manager.with(ctx('creator'), () => manager.bind(manager.active(), new EventEmitter()));
  const seen: unknown[] = [];
  emitter.on('data', (value: string) => seen.push([valueOf(manager), value]));
  emitter.addListener('data', () => seen.push('addListener'));
  emitter.prependListener('data', () => seen.push('prepend'));
  manager.with(ctx('emitter'), () => emitter.emit('data', 'x'));
  assert.deepEqual(seen, ['prepend', ['creator', 'x'], 'addListener']);
  assert.equal(manager.bind(ctx('again'), emitter), emitter, 'binding twice keeps the first patch');
});

test('bind(EventEmitter): removeListener/off with the original function, once, removeAllListeners', () => {
  const manager = new AsyncLocalStorageContextManager();
  const emitter = manager.bind(ctx('bound'), new EventEmitter());
  let calls = 0;
  const listener = () => {
    calls++;
    assert.equal(valueOf(manager), 'bound');
  };
  emitter.on('e', listener);
  emitter.removeListener('e', listener);
  emitter.emit('e');
  assert.equal(calls, 0);
  assert.equal(emitter.listenerCount('e'), 0);

  emitter.addListener('e', listener);
  emitter.off('e', listener);
  assert.equal(emitter.listenerCount('e'), 0);

  emitter.once('e', listener);
  emitter.emit('e');
  emitter.emit('e');
  assert.equal(calls, 1, 'once fires once');

  emitter.once('e', listener);
  emitter.removeListener('e', listener);
  emitter.emit('e');
  assert.equal(calls, 1, 'a once listener can be removed by its original function');

  emitter.prependOnceListener('e', listener);
  emitter.on('f', listener);
  emitter.removeAllListeners('e');
  assert.equal(emitter.listenerCount('e'), 0);
  assert.equal(emitter.listenerCount('f'), 1);
  emitter.removeAllListeners();
  assert.equal(emitter.listenerCount('f'), 0);
  emitter.on('f', listener);
  emitter.emit('f');
  assert.equal(calls, 2, 'listeners added after removeAllListeners are bound too');
});

test('the same listener added twice fires twice and is removed one at a time', () => {
  const manager = new AsyncLocalStorageContextManager();
  const emitter = manager.bind(ctx('bound'), new EventEmitter());
  let calls = 0;
  const listener = () => calls++;
  emitter.on('e', listener);
  emitter.on('e', listener);
  emitter.emit('e');
  assert.equal(calls, 2);
  emitter.off('e', listener);
  emitter.emit('e');
  assert.equal(calls, 3);
});

test('bind(EventEmitter) patches only that instance', () => {
  const manager = new AsyncLocalStorageContextManager();
  const bound = manager.bind(ctx('bound'), new EventEmitter());
  const other = new EventEmitter();
  assert.notEqual(bound.on, EventEmitter.prototype.on);
  assert.equal(other.on, EventEmitter.prototype.on);
});

test('disable() forgets the active context; with() works again afterwards', async () => {
  const manager = new AsyncLocalStorageContextManager();
  await manager.with(ctx('before'), async () => {
    manager.disable();
    assert.equal(manager.active(), ROOT_CONTEXT);
  });
  assert.equal(manager.with(ctx('again'), () => valueOf(manager)), 'again');
});

test('attach() makes a context active for the rest of this execution and what it schedules, not outside it', async () => {
  const manager = new AsyncLocalStorageContextManager().enable();
  const key = createContextKey('attach');
  const seen = await new Promise<unknown[]>((resolve) => {
    setImmediate(() => {
      const token = manager.attach(ROOT_CONTEXT.setValue(key, 'request-1'));
      const now = manager.active().getValue(key);
      setTimeout(() => {
        const later = manager.active().getValue(key);
        token.dispose();
        resolve([now, later, manager.active().getValue(key)]);
      }, 1);
    });
  });
  assert.deepEqual(seen, ['request-1', 'request-1', undefined]);
  assert.equal(manager.active().getValue(key), undefined, 'the caller outside the setImmediate is untouched');
  manager.disable();
});
