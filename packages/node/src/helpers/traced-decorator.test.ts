import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { installInMemoryOtel, type InMemoryOtel } from './test-support/in-memory-otel.js';
import { traced } from './traced.js';

const describeSymbol = Symbol('describe');

class Cart {
  readonly items: number[] = [];
  static openCarts = 0;

  @traced()
  add(price: number): this {
    this.items.push(price);
    return this;
  }

  @traced()
  total(): number {
    return this.items.reduce((sum, price) => sum + price, 0);
  }

  @traced('cart checkout', { kind: SpanKind.INTERNAL, attributes: { 'cart.kind': 'web' } })
  async checkout(discount: number): Promise<number> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.total() - discount;
  }

  @traced
  async fail(): Promise<never> {
    await null;
    throw new Error('payment declined');
  }

  @traced()
  static open(): Cart {
    Cart.openCarts += 1;
    return new Cart();
  }

  @traced()
  [describeSymbol](): string {
    return `${this.items.length} items`;
  }

  @traced()
  #secret(): string {
    return 'hidden';
  }

  reveal(): string {
    return this.#secret();
  }
}

class GiftCart extends Cart {
  @traced()
  override total(): number {
    return super.total() + 1;
  }
}

describe('@traced() method decorator', () => {
  let otel: InMemoryOtel;
  beforeEach(() => { otel = installInMemoryOtel(); });
  afterEach(async () => { await otel.uninstall(); });

  it('names spans ClassName.method, keeps `this` and arguments, returns the value', () => {
    const cart = new Cart();
    assert.equal(cart.add(2).add(3), cart);
    assert.equal(cart.total(), 5);
    assert.deepEqual(otel.spans().map((span) => span.name), ['Cart.add', 'Cart.add', 'Cart.total']);
  });

  it('takes a custom name and span options, and waits for async methods', async () => {
    const cart = new Cart().add(10);
    otel.exporter.reset();
    const pending = cart.checkout(4);
    assert.equal(otel.spans().length, 0);
    assert.equal(await pending, 6);
    const checkout = otel.span('cart checkout');
    assert.equal(checkout.attributes['cart.kind'], 'web');
    assert.equal(otel.span('Cart.total').parentSpanContext?.spanId, checkout.spanContext().spanId, 'a decorated call inside is a child');
  });

  it('works without parentheses and records rejections', async () => {
    await assert.rejects(new Cart().fail(), /payment declined/);
    const span = otel.span('Cart.fail');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.status.message, 'payment declined');
  });

  it('names static, symbol-named and private methods', () => {
    const cart = Cart.open();
    assert.equal(Cart.openCarts > 0, true);
    assert.equal(cart[describeSymbol](), '0 items');
    assert.equal(cart.reveal(), 'hidden');
    assert.deepEqual(otel.spans().map((span) => span.name), ['Cart.open', 'Cart.[describe]', 'Cart.#secret']);
  });

  it('uses the declaring class for inherited methods and the subclass for overrides', () => {
    const gift = new GiftCart();
    gift.add(1);
    assert.equal(gift.total(), 2);
    assert.deepEqual(otel.spans().map((span) => span.name), ['Cart.add', 'Cart.total', 'GiftCart.total']);
    assert.equal(otel.span('Cart.total').parentSpanContext?.spanId, otel.span('GiftCart.total').spanContext().spanId);
  });

  it('keeps the name fixed after the first call, whichever subclass calls first', () => {
    new GiftCart().add(1);
    new Cart().add(1);
    assert.deepEqual(otel.spans().map((span) => span.name), ['Cart.add', 'Cart.add']);
  });

  it('leaves no span active after the call', () => {
    new Cart().total();
    assert.equal(trace.getActiveSpan(), undefined);
  });
});

describe('@traced misuse', () => {
  it('leaves the member unchanged when called the legacy experimentalDecorators way, or on a non-method', () => {
    const prototype = { greet() { return 'hi'; } };
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'greet');
    const legacyCall = traced as unknown as (...args: unknown[]) => unknown;
    assert.equal(legacyCall(prototype, 'greet', descriptor), undefined);
    assert.equal((traced() as unknown as (...args: unknown[]) => unknown)(prototype, 'greet', descriptor), undefined);
    assert.equal((traced('x') as unknown as (...args: unknown[]) => unknown)(undefined, { kind: 'field', name: 'f' }), undefined);
  });
});
