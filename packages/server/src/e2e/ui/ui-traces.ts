import { createHash } from 'node:crypto';

/**
 * The traces the browser tests look at, sent the way a real client sends them (OTLP/HTTP JSON).
 * Ids are derived from names, so every run (and every screenshot) shows the same ids; times are
 * relative to "now" so the UI's default lookback finds them.
 */

type AttrValue = string | number | boolean | { double: number };
type Attrs = Record<string, AttrValue>;
type Kind = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

interface SpanSpec {
  /** Local name of the span inside its trace; the span id is derived from it. */
  readonly key: string;
  readonly parent?: string;
  readonly service: string;
  readonly name: string;
  readonly kind: Kind;
  /** Milliseconds from the trace's start; negative is allowed (clock skew). */
  readonly startMs: number;
  readonly durationMs: number;
  readonly attrs?: Attrs;
  readonly error?: string;
  readonly events?: ReadonlyArray<{ name: string; atMs: number; attrs?: Attrs }>;
  readonly links?: ReadonlyArray<{ traceId: string; spanId: string; attrs?: Attrs }>;
}

const hex = (text: string, chars: number) => createHash('sha256').update(text).digest('hex').slice(0, chars);
export const traceIdOf = (name: string): string => hex(`skein-ui-e2e trace ${name}`, 32);
export const spanIdOf = (trace: string, key: string): string => hex(`skein-ui-e2e span ${trace}/${key}`, 16);

// OTLP's SpanKind enum numbers.
const KIND: Record<Kind, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

const attributesJson = (attrs: Attrs = {}) =>
  Object.entries(attrs).map(([key, v]) => ({
    key,
    value:
      typeof v === 'string' ? { stringValue: v }
      : typeof v === 'boolean' ? { boolValue: v }
      : typeof v === 'number' ? { intValue: String(v) } // OTLP JSON carries int64 as a decimal string
      : { doubleValue: v.double },
  }));

/** One ExportTraceServiceRequest for one trace: one resource per service, as an SDK would send. */
export function otlpJsonTrace(traceName: string, startNanos: bigint, spans: readonly SpanSpec[], resources: Record<string, Attrs> = {}): string {
  const traceId = traceIdOf(traceName);
  const at = (ms: number) => String(startNanos + BigInt(Math.round(ms * 1_000_000)));
  const byService = new Map<string, SpanSpec[]>();
  for (const s of spans) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  return JSON.stringify({
    resourceSpans: [...byService].map(([service, list]) => ({
      resource: { attributes: attributesJson({ 'service.name': service, 'telemetry.sdk.language': 'nodejs', ...resources[service] }) },
      scopeSpans: [
        {
          scope: { name: '@opentelemetry/instrumentation-http', version: '0.57.0' },
          spans: list.map((s) => ({
            traceId,
            spanId: spanIdOf(traceName, s.key),
            parentSpanId: s.parent ? spanIdOf(traceName, s.parent) : '',
            name: s.name,
            kind: KIND[s.kind],
            startTimeUnixNano: at(s.startMs),
            endTimeUnixNano: at(s.startMs + s.durationMs),
            attributes: attributesJson(s.attrs),
            events: (s.events ?? []).map((e) => ({ name: e.name, timeUnixNano: at(e.atMs), attributes: attributesJson(e.attrs) })),
            links: (s.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: attributesJson(l.attrs) })),
            status: s.error === undefined ? { code: 0 } : { code: 2, message: s.error },
          })),
        },
      ],
    })),
  });
}

// --- the payloads of the XSS trace -------------------------------------------------------------
export const XSS_IMG = '<img src=x onerror="window.__xss=1">';
export const XSS_SCRIPT = '<script>window.__xss=1</script>';
export const XSS_JS_URL = 'javascript:window.__xss=1';
/** Exactly 10,000 characters, with recognisable ends. */
export const LONG_STRING = `LONG:${'0123456789'.repeat(999)}END!!`;
/** RTL marks and an RTL override, Hebrew, emoji (one a ZWJ sequence), combining accents. */
export const UNICODE_STRING = 'שלום \u200F\u202Etxt.exe\u202C 🔥🚀👩‍💻 Zálgo e\u0301\u0301\u0301 ñ';

export const SERVICES = ['frontend', 'checkout', 'inventory'] as const;

/** The names tests use to find each trace; `UI_TRACE_IDS[name]` is its id. */
export const UI_TRACE_NAMES = ['cart', 'failed-checkout', 'user-list', 'skewed-order', 'order-consumer', 'xss'] as const;
export type UiTraceName = (typeof UI_TRACE_NAMES)[number];
export const UI_TRACE_IDS = Object.fromEntries(UI_TRACE_NAMES.map((n) => [n, traceIdOf(n)])) as Record<UiTraceName, string>;

const http = (method: string, route: string, status: number): Attrs => ({ 'http.request.method': method, 'http.route': route, 'url.path': route, 'http.response.status_code': status });
const db = (statement: string): Attrs => ({ 'db.system': 'postgresql', 'db.name': 'shop', 'db.statement': statement, 'server.address': 'pg-1.internal' });

/** Each trace: its spans, and how long before now it started (newest last). */
export function uiTraces(): Array<{ name: UiTraceName; secondsAgo: number; spans: SpanSpec[]; resources?: Record<string, Attrs> }> {
  const sibling = (i: number): SpanSpec => ({ key: `select-${i}`, parent: 'list', service: 'inventory', name: 'SELECT users', kind: 'client', startMs: 6 + i * 9, durationMs: 8, attrs: { ...db('SELECT * FROM users WHERE id = $1'), 'db.row': i } });
  return [
    {
      name: 'cart',
      secondsAgo: 60,
      spans: [
        { key: 'root', service: 'frontend', name: 'GET /cart', kind: 'server', startMs: 0, durationMs: 120, attrs: { ...http('GET', '/cart', 200), 'user.tier': 'gold', 'cart.items': 3 } },
        { key: 'call', parent: 'root', service: 'frontend', name: 'GET', kind: 'client', startMs: 10, durationMs: 100, attrs: { 'http.request.method': 'GET', 'peer.service': 'checkout', 'server.address': 'checkout.internal' } },
        { key: 'server', parent: 'call', service: 'checkout', name: 'GET /cart', kind: 'server', startMs: 15, durationMs: 90, attrs: http('GET', '/cart', 200) },
        // load and price run in parallel: price ends last, so load and its SELECT are off the critical path.
        { key: 'load', parent: 'server', service: 'checkout', name: 'load cart', kind: 'internal', startMs: 20, durationMs: 40 },
        { key: 'select', parent: 'load', service: 'inventory', name: 'SELECT carts', kind: 'client', startMs: 25, durationMs: 30, attrs: db('SELECT * FROM carts WHERE user_id = $1') },
        { key: 'price', parent: 'server', service: 'checkout', name: 'price items', kind: 'internal', startMs: 22, durationMs: 78, attrs: { 'price.currency': 'EUR', 'price.total': { double: 59.9 } } },
        { key: 'prices', parent: 'price', service: 'inventory', name: 'GET /prices', kind: 'server', startMs: 27, durationMs: 68, attrs: http('GET', '/prices', 200) },
      ],
    },
    {
      name: 'failed-checkout',
      secondsAgo: 50,
      spans: [
        { key: 'root', service: 'frontend', name: 'POST /checkout', kind: 'server', startMs: 0, durationMs: 300, attrs: http('POST', '/checkout', 502) },
        { key: 'call', parent: 'root', service: 'frontend', name: 'POST', kind: 'client', startMs: 5, durationMs: 290, attrs: { 'http.request.method': 'POST', 'peer.service': 'checkout' } },
        { key: 'server', parent: 'call', service: 'checkout', name: 'POST /checkout', kind: 'server', startMs: 10, durationMs: 280, attrs: http('POST', '/checkout', 502), error: 'payment gateway answered 502' },
        {
          key: 'charge',
          parent: 'server',
          service: 'checkout',
          name: 'charge card',
          kind: 'client',
          startMs: 20,
          durationMs: 260,
          attrs: { 'payment.provider': 'acme-pay', 'payment.amount': { double: 42.5 }, 'payment.retry': false },
          error: 'card declined',
          events: [{ name: 'exception', atMs: 270, attrs: { 'exception.type': 'PaymentDeclined', 'exception.message': 'card declined by issuer' } }],
        },
      ],
    },
    {
      name: 'user-list',
      secondsAgo: 40,
      spans: [
        { key: 'root', service: 'frontend', name: 'GET /users', kind: 'server', startMs: 0, durationMs: 200, attrs: http('GET', '/users', 200) },
        { key: 'list', parent: 'root', service: 'inventory', name: 'list users', kind: 'internal', startMs: 3, durationMs: 195 },
        ...Array.from({ length: 20 }, (_, i) => sibling(i)),
      ],
    },
    {
      name: 'skewed-order',
      secondsAgo: 30,
      spans: [
        { key: 'root', service: 'frontend', name: 'GET /orders/{id}', kind: 'server', startMs: 0, durationMs: 80, attrs: http('GET', '/orders/{id}', 200) },
        // checkout's host clock runs 15 ms behind: its span starts before its parent did.
        { key: 'skewed', parent: 'root', service: 'checkout', name: 'load order', kind: 'server', startMs: -15, durationMs: 75, attrs: { 'host.name': 'checkout-7' } },
        { key: 'select', parent: 'skewed', service: 'inventory', name: 'SELECT orders', kind: 'client', startMs: -10, durationMs: 40, attrs: db('SELECT * FROM orders WHERE id = $1') },
      ],
    },
    {
      name: 'order-consumer',
      secondsAgo: 20,
      spans: [
        { key: 'root', service: 'frontend', name: 'publish order', kind: 'producer', startMs: 0, durationMs: 5, attrs: { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders' } },
        {
          key: 'consume',
          parent: 'root',
          service: 'inventory',
          name: 'process order',
          kind: 'consumer',
          startMs: 10,
          durationMs: 50,
          attrs: { 'messaging.system': 'kafka', 'messaging.operation': 'process' },
          // The order being processed is the one whose checkout failed: a link across traces.
          links: [{ traceId: UI_TRACE_IDS['failed-checkout'], spanId: spanIdOf('failed-checkout', 'charge'), attrs: { 'link.reason': 'retry of failed checkout' } }],
        },
        { key: 'update', parent: 'consume', service: 'inventory', name: 'UPDATE stock', kind: 'client', startMs: 20, durationMs: 30, attrs: db('UPDATE stock SET n = n - 1 WHERE sku = $1') },
      ],
    },
    {
      name: 'xss',
      secondsAgo: 10,
      resources: { [XSS_IMG]: { 'host.name': XSS_JS_URL, [XSS_SCRIPT]: XSS_IMG } },
      spans: [
        {
          key: 'root',
          service: XSS_IMG,
          name: XSS_SCRIPT,
          kind: 'server',
          startMs: 0,
          durationMs: 100,
          attrs: { [XSS_IMG]: XSS_SCRIPT, 'url.full': XSS_JS_URL, 'http.url': XSS_JS_URL, 'long.value': LONG_STRING, 'unicode.value': UNICODE_STRING, [UNICODE_STRING]: 'unicode key' },
          error: XSS_IMG,
          events: [
            { name: XSS_IMG, atMs: 10, attrs: { [XSS_SCRIPT]: XSS_JS_URL } },
            { name: XSS_SCRIPT, atMs: 20 },
          ],
          links: [{ traceId: UI_TRACE_IDS.cart, spanId: spanIdOf('cart', 'root'), attrs: { [XSS_IMG]: XSS_JS_URL } }],
        },
        { key: 'img', parent: 'root', service: XSS_IMG, name: XSS_IMG, kind: 'internal', startMs: 10, durationMs: 30, attrs: { 'link.href': XSS_JS_URL } },
        { key: 'unicode', parent: 'root', service: XSS_IMG, name: UNICODE_STRING, kind: 'internal', startMs: 40, durationMs: 20 },
        { key: 'long', parent: 'root', service: XSS_IMG, name: LONG_STRING, kind: 'internal', startMs: 60, durationMs: 20 },
        { key: 'js', parent: 'root', service: XSS_IMG, name: XSS_JS_URL, kind: 'client', startMs: 80, durationMs: 10 },
      ],
    },
  ];
}

/** Sends every trace to Skein's OTLP/HTTP receiver; resolves once all are acknowledged (durable). */
export async function ingestUiTraces(otlpHttpUrl: string, now: bigint = BigInt(Date.now()) * 1_000_000n): Promise<void> {
  for (const t of uiTraces()) {
    const body = otlpJsonTrace(t.name, now - BigInt(t.secondsAgo) * 1_000_000_000n, t.spans, t.resources);
    const res = await fetch(`${otlpHttpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = await res.text();
    // OTLP partial success would hide a rejected span: demand a clean, empty answer.
    if (res.status !== 200 || answer !== '{}') throw new Error(`ingesting the "${t.name}" trace: HTTP ${res.status} ${answer}`);
  }
}

/** Span count of a trace, as the trace page's header should state it. */
export const spanCountOf = (name: UiTraceName): number => uiTraces().find((t) => t.name === name)!.spans.length;

// --- the Compare page's pair of traces ---------------------------------------------------------
/**
 * Two runs of one request for the Compare page: the same shape, except that in b the product
 * SELECT is 70 ms slower, the recommendations call is gone and a reviews call is new. The root
 * service `catalog` appears in no other UI trace, so a search for it finds exactly these two.
 */
export const COMPARE_TRACE_NAMES = ['compare-a', 'compare-b'] as const;
export type CompareTraceName = (typeof COMPARE_TRACE_NAMES)[number];

export function compareTraces(): Array<{ name: CompareTraceName; secondsAgo: number; spans: SpanSpec[] }> {
  const shape = (b: boolean): SpanSpec[] => [
    { key: 'root', service: 'catalog', name: 'GET /product/{id}', kind: 'server', startMs: 0, durationMs: b ? 190 : 120, attrs: http('GET', '/product/{id}', 200) },
    { key: 'auth', parent: 'root', service: 'catalog', name: 'check session', kind: 'internal', startMs: 2, durationMs: 8 },
    { key: 'load', parent: 'root', service: 'catalog', name: 'load product', kind: 'internal', startMs: 12, durationMs: b ? 100 : 30 },
    { key: 'select', parent: 'load', service: 'inventory', name: 'SELECT products', kind: 'client', startMs: 14, durationMs: b ? 90 : 20, attrs: db('SELECT * FROM products WHERE id = $1') },
    b
      ? { key: 'reviews', parent: 'root', service: 'reviews', name: 'GET /reviews', kind: 'client', startMs: 115, durationMs: 60, attrs: http('GET', '/reviews', 200) }
      : { key: 'recs', parent: 'root', service: 'recommendations', name: 'GET /recommendations', kind: 'client', startMs: 45, durationMs: 60, attrs: http('GET', '/recommendations', 200) },
  ];
  return [
    { name: 'compare-a', secondsAgo: 70, spans: shape(false) },
    { name: 'compare-b', secondsAgo: 65, spans: shape(true) },
  ];
}

/** Sends the Compare pair like `ingestUiTraces` does; resolves once both are durable. */
export async function ingestCompareTraces(otlpHttpUrl: string, now: bigint = BigInt(Date.now()) * 1_000_000n): Promise<void> {
  for (const t of compareTraces()) {
    const res = await fetch(`${otlpHttpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJsonTrace(t.name, now - BigInt(t.secondsAgo) * 1_000_000_000n, t.spans) });
    const answer = await res.text();
    if (res.status !== 200 || answer !== '{}') throw new Error(`ingesting the "${t.name}" trace: HTTP ${res.status} ${answer}`);
  }
}

// --- OR search: three traces, told apart only by attribute condition groups ----------------------
/**
 * For a search with the groups `http.response.status_code>=500` OR `error.type and retry.count>2`:
 * `or-server-error` matches only the first, `or-retried` only the second, `or-neither` neither
 * (a timeout retried once). All three are `POST /invoice` on `billing`, a service no other UI
 * trace uses, so `service=billing` alone finds exactly these three.
 */
export const OR_TRACE_NAMES = ['or-server-error', 'or-retried', 'or-neither'] as const;
export type OrTraceName = (typeof OR_TRACE_NAMES)[number];

export function orSearchTraces(): Array<{ name: OrTraceName; secondsAgo: number; spans: SpanSpec[] }> {
  const invoice = (status: number, extra: Attrs = {}): SpanSpec[] => [
    { key: 'root', service: 'billing', name: 'POST /invoice', kind: 'server', startMs: 0, durationMs: 40, attrs: { ...http('POST', '/invoice', status), ...extra } },
  ];
  return [
    { name: 'or-server-error', secondsAgo: 50, spans: invoice(503) },
    { name: 'or-retried', secondsAgo: 45, spans: invoice(200, { 'error.type': 'timeout', 'retry.count': 3 }) },
    { name: 'or-neither', secondsAgo: 40, spans: invoice(200, { 'error.type': 'timeout', 'retry.count': 1 }) },
  ];
}

/** Sends the OR search traces like `ingestUiTraces` does; resolves once all are durable. */
export async function ingestOrSearchTraces(otlpHttpUrl: string, now: bigint = BigInt(Date.now()) * 1_000_000n): Promise<void> {
  for (const t of orSearchTraces()) {
    const res = await fetch(`${otlpHttpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJsonTrace(t.name, now - BigInt(t.secondsAgo) * 1_000_000_000n, t.spans) });
    const answer = await res.text();
    if (res.status !== 200 || answer !== '{}') throw new Error(`ingesting the "${t.name}" trace: HTTP ${res.status} ${answer}`);
  }
}
