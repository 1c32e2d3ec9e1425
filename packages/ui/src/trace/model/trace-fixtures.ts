import type { SpanJson } from './trace-json.js';

/**
 * Small traces for the model's tests, written as "what the API would send" with times in
 * milliseconds from a fixed base, so each test reads like a timeline.
 */
export const FIXTURE_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const BASE_NS = 1_700_000_000_000_000_000n;
const ms = (v: number): string => (BASE_NS + BigInt(Math.round(v * 1_000_000))).toString();

export interface FixtureSpan {
  id: string;
  parent?: string;
  name?: string;
  service?: string;
  kind?: string;
  start: number; // ms from base
  end: number;
  error?: boolean;
  shared?: boolean;
  attributes?: Record<string, string | number | boolean>;
}

export function fixtureSpan(f: FixtureSpan): SpanJson {
  const spanId = f.id.padStart(16, '0');
  const parentSpanId = f.parent ? f.parent.padStart(16, '0') : '';
  return {
    traceId: FIXTURE_TRACE_ID,
    spanId,
    parentSpanId,
    name: f.name ?? `op-${f.id}`,
    kind: f.kind ?? 'internal',
    serviceName: f.service ?? 'frontend',
    startTimeUnixNano: ms(f.start),
    endTimeUnixNano: ms(f.end),
    durationNanos: String(Math.round((f.end - f.start) * 1_000_000)),
    status: { code: f.error ? 'error' : 'unset', message: f.error ? 'boom' : '' },
    attributes: Object.entries(f.attributes ?? {}).map(([key, value]) => ({ key, type: typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'double') : typeof value === 'boolean' ? 'bool' : 'string', value })),
    resource: [{ key: 'service.name', type: 'string', value: f.service ?? 'frontend' }],
    scope: { name: 'fixture', version: '1' },
    events: [],
    links: [],
    shared: f.shared ?? false,
  };
}

export const fixtureTrace = (spans: FixtureSpan[]): SpanJson[] => spans.map(fixtureSpan);

/** A checkout request: frontend → cart and payment (parallel), payment → db. */
export const CHECKOUT = (): SpanJson[] =>
  fixtureTrace([
    { id: 'a', name: 'GET /checkout', kind: 'server', start: 0, end: 100 },
    { id: 'b', parent: 'a', name: 'cart.get', service: 'cart', kind: 'client', start: 5, end: 40 },
    { id: 'c', parent: 'a', name: 'payment.charge', service: 'payment', kind: 'client', start: 10, end: 90, error: true, attributes: { 'payment.amount': 42, 'card.type': 'visa' } },
    { id: 'd', parent: 'c', name: 'SELECT accounts', service: 'db', kind: 'client', start: 20, end: 60, attributes: { 'db.statement': 'SELECT * FROM accounts' } },
  ]);

/** Zipkin shared span: client and server halves with one id; the server's child names that id. */
export const ZIPKIN_SHARED = (): SpanJson[] =>
  fixtureTrace([
    { id: 'r', name: 'GET /', service: 'web', kind: 'server', start: 0, end: 50 },
    { id: 's', parent: 'r', name: 'get /api', service: 'web', kind: 'client', start: 5, end: 45 },
    { id: 's', parent: 'r', name: 'get /api', service: 'api', kind: 'server', start: 7, end: 43, shared: true },
    { id: 't', parent: 's', name: 'query', service: 'api', start: 10, end: 30 },
  ]);

/** The critical-path example from jaeger-ui's tests: the root waits on two sequential children. */
export const SEQUENTIAL = (): SpanJson[] =>
  fixtureTrace([
    { id: '1', name: 'root', start: 0, end: 100 },
    { id: '2', parent: '1', name: 'first', start: 10, end: 40 },
    { id: '3', parent: '1', name: 'second', start: 50, end: 90 },
    { id: '4', parent: '3', name: 'inner', start: 55, end: 70 },
  ]);
