import { attr, bool, double, int, str, SpanKind, type Span } from '@skein/model';
import { spanOf, traceIdOf } from './contract-fixtures.js';

/**
 * The traces the search contract runs against. Each trace exists to tell one query apart from
 * another; the expected results in search.contract.ts are worked out by hand from this table.
 *
 * | trace | spans (service kind name start+dur ms)                                   | notable                                   |
 * |-------|--------------------------------------------------------------------------|-------------------------------------------|
 * | T1    | frontend SERVER GET /checkout 0+300 → frontend CLIENT POST /pay 10+250    | status_code 500/503 ints; payments span   |
 * |       |   → payments SERVER POST /pay 20+200 (ERROR, event exception)             | ERROR, retry.ratio 0.75, env=prod (res.)  |
 * | T2    | frontend SERVER GET /home 1000+50 → frontend CLIENT GET /cart 1005+30     | status 200, premium=true, cart.items 3,   |
 * |       |   → cart SERVER GET /cart 1010+20                                         | load 0.5, env=staging (resource)          |
 * | T3    | frontend SERVER GET /split 2000+100 → cart SERVER GET /split-cart 2010+80 | user.id alice / bob, cart.items 42        |
 * | T4,T5 | frontend SERVER GET /tie 3000+70                                          | identical: tie-break by trace id          |
 * | T6    | payments CONSUMER settle 4000+5000                                        | big int 2^53+1, event retry               |
 */
export const T = { T1: traceIdOf(1), T2: traceIdOf(2), T3: traceIdOf(3), T4: traceIdOf(4), T5: traceIdOf(5), T6: traceIdOf(6) } as const;

export const BIG = 2n ** 53n + 1n;

export function searchDataset(): Span[] {
  const status = (n: number) => attr('http.response.status_code', int(n));
  return [
    spanOf({ trace: 1, id: 1, service: 'frontend', name: 'GET /checkout', kind: SpanKind.SERVER, startMs: 0, durationMs: 300, attributes: [attr('http.request.method', str('GET')), status(500)] }),
    spanOf({ trace: 1, id: 2, parent: 1, service: 'frontend', name: 'POST /pay', kind: SpanKind.CLIENT, startMs: 10, durationMs: 250, attributes: [attr('peer.service', str('payments')), status(503)] }),
    spanOf({
      trace: 1, id: 3, parent: 2, service: 'payments', name: 'POST /pay', kind: SpanKind.SERVER, startMs: 20, durationMs: 200, error: true,
      attributes: [status(503), attr('retry.ratio', double(0.75))],
      resourceAttributes: [attr('deployment.environment', str('prod'))],
      events: [{ timeUnixNano: 0n, name: 'exception', attributes: [attr('exception.type', str('Timeout'))], droppedAttributesCount: 0 }],
    }),
    spanOf({ trace: 2, id: 1, service: 'frontend', name: 'GET /home', kind: SpanKind.SERVER, startMs: 1000, durationMs: 50, attributes: [status(200), attr('user.premium', bool(true))] }),
    spanOf({ trace: 2, id: 2, parent: 1, service: 'frontend', name: 'GET /cart', kind: SpanKind.CLIENT, startMs: 1005, durationMs: 30, attributes: [attr('peer.service', str('cart'))] }),
    spanOf({ trace: 2, id: 3, parent: 2, service: 'cart', name: 'GET /cart', kind: SpanKind.SERVER, startMs: 1010, durationMs: 20, attributes: [attr('cart.items', int(3)), attr('load', double(0.5))], resourceAttributes: [attr('deployment.environment', str('staging'))] }),
    spanOf({ trace: 3, id: 1, service: 'frontend', name: 'GET /split', kind: SpanKind.SERVER, startMs: 2000, durationMs: 100, attributes: [attr('user.id', str('alice'))] }),
    spanOf({ trace: 3, id: 2, parent: 1, service: 'cart', name: 'GET /split-cart', kind: SpanKind.SERVER, startMs: 2010, durationMs: 80, attributes: [attr('user.id', str('bob')), attr('cart.items', int(42))] }),
    spanOf({ trace: 4, id: 1, service: 'frontend', name: 'GET /tie', kind: SpanKind.SERVER, startMs: 3000, durationMs: 70, attributes: [status(200)] }),
    spanOf({ trace: 5, id: 1, service: 'frontend', name: 'GET /tie', kind: SpanKind.SERVER, startMs: 3000, durationMs: 70, attributes: [status(200)] }),
    spanOf({
      trace: 6, id: 1, service: 'payments', name: 'settle', kind: SpanKind.CONSUMER, startMs: 4000, durationMs: 5000,
      attributes: [attr('big', int(BIG))],
      events: [{ timeUnixNano: 0n, name: 'retry', attributes: [], droppedAttributesCount: 0 }],
    }),
  ];
}
