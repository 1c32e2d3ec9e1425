import type { SpanJson } from '../../trace/model/trace-json.js';
import { fixtureTrace, type FixtureSpan } from '../../trace/model/trace-fixtures.js';

/**
 * Pairs of traces for the diff's tests, written like the trace model's fixtures (times in ms
 * from a fixed base). Span ids differ between a and b on purpose: matching must not use them.
 */

/** One checkout request: frontend → cart, payment → db, and an email notification. */
const checkout = (prefix: string, change: { paymentMs?: number; withEmail?: boolean; withFraud?: boolean } = {}): SpanJson[] => {
  const pay = change.paymentMs ?? 50;
  const spans: FixtureSpan[] = [
    { id: `${prefix}1`, name: 'GET /checkout', service: 'frontend', kind: 'server', start: 0, end: 120 + pay },
    { id: `${prefix}2`, parent: `${prefix}1`, name: 'cart.get', service: 'cart', kind: 'client', start: 5, end: 25 },
    { id: `${prefix}3`, parent: `${prefix}1`, name: 'payment.charge', service: 'payment', kind: 'client', start: 30, end: 30 + pay + 20 },
    { id: `${prefix}4`, parent: `${prefix}3`, name: 'SELECT accounts', service: 'db', kind: 'client', start: 35, end: 35 + pay },
  ];
  if (change.withEmail ?? true) spans.push({ id: `${prefix}5`, parent: `${prefix}1`, name: 'email.send', service: 'notify', kind: 'producer', start: 100 + pay, end: 110 + pay });
  if (change.withFraud) spans.push({ id: `${prefix}6`, parent: `${prefix}3`, name: 'fraud.check', service: 'fraud', kind: 'client', start: 36 + pay, end: 46 + pay });
  return fixtureTrace(spans);
};

/** b: the payment's SELECT got 80 ms slower, a fraud check was added, the email is gone. */
export const CHECKOUT_A = (): SpanJson[] => checkout('a');
export const CHECKOUT_B = (): SpanJson[] => checkout('b', { paymentMs: 130, withEmail: false, withFraud: true });

/** A list endpoint whose loop issues `count` SELECTs of `eachMs`, each with a row-decode child. */
export const LOOP = (prefix: string, count: number, eachMs: number): SpanJson[] =>
  fixtureTrace([
    { id: `${prefix}r`, name: 'GET /users', service: 'api', start: 0, end: 10 + count * eachMs },
    ...Array.from({ length: count }, (_, i): FixtureSpan[] => [
      { id: `${prefix}s${i.toString(16)}`, parent: `${prefix}r`, name: 'SELECT users', service: 'db', start: 5 + i * eachMs, end: 5 + (i + 1) * eachMs },
      { id: `${prefix}d${i.toString(16)}`, parent: `${prefix}s${i.toString(16)}`, name: 'decode row', service: 'db', start: 5 + i * eachMs, end: 5 + i * eachMs + eachMs / 2 },
    ]).flat(),
  ]);
