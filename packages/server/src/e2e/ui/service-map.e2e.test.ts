import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startUiFixture, type TestSkein, type UiFixture } from './ui-fixture.js';
import { eventually, saveScreenshot, waitForCount, type UiSession } from './ui-page.js';
import { otlpJsonTrace } from './ui-traces.js';

/**
 * The Service map page in a real browser against a real Skein: three services calling each
 * other, a PostgreSQL database and a payments API known only from CLIENT spans. Elements are
 * found through the test-id contract (service-map-page, map-node, map-edge, map-panel).
 */

type Spans = Parameters<typeof otlpJsonTrace>[2];

/** storefront → orders → stock → PostgreSQL, and orders → payments-api (failing in one run of three). */
const checkoutTrace = (paymentFails: boolean): Spans => [
  { key: 'root', service: 'storefront', name: 'GET /checkout', kind: 'server', startMs: 0, durationMs: 200, attrs: { 'http.request.method': 'GET', 'http.route': '/checkout' } },
  { key: 'call-orders', parent: 'root', service: 'storefront', name: 'POST', kind: 'client', startMs: 5, durationMs: 180, attrs: { 'http.request.method': 'POST', 'server.address': 'orders.internal' } },
  { key: 'orders', parent: 'call-orders', service: 'orders', name: 'POST /orders', kind: 'server', startMs: 10, durationMs: 170, attrs: { 'http.route': '/orders' } },
  { key: 'charge', parent: 'orders', service: 'orders', name: 'charge card', kind: 'client', startMs: 20, durationMs: 60, attrs: { 'peer.service': 'payments-api' }, ...(paymentFails ? { error: 'card declined' } : {}) },
  { key: 'call-stock', parent: 'orders', service: 'orders', name: 'POST', kind: 'client', startMs: 90, durationMs: 80, attrs: { 'server.address': 'stock.internal' } },
  { key: 'reserve', parent: 'call-stock', service: 'stock', name: 'reserve items', kind: 'server', startMs: 95, durationMs: 70 },
  { key: 'insert', parent: 'reserve', service: 'stock', name: 'INSERT reservations', kind: 'client', startMs: 100, durationMs: 30, attrs: { 'db.system': 'postgresql', 'db.name': 'stockdb', 'db.statement': 'INSERT INTO reservations VALUES ($1, $2)' } },
];

const NODE_IDS = ['database:postgresql/stockdb', 'service:orders', 'service:payments-api', 'service:stock', 'service:storefront'];
const EDGES = [
  ['service:orders', 'service:payments-api'],
  ['service:orders', 'service:stock'],
  ['service:stock', 'database:postgresql/stockdb'],
  ['service:storefront', 'service:orders'],
];

describe('service map in Chromium', () => {
  let fixture: UiFixture | undefined;
  let skein: TestSkein;
  let ui: UiSession;
  let page: Page;

  const nodes = () => page.getByTestId('map-node');
  const edges = () => page.getByTestId('map-edge');
  const panel = () => page.getByTestId('map-panel');
  const node = (id: string) => page.locator(`[data-testid="map-node"][data-node-id="${id}"]`);
  const edge = (source: string, target: string) => page.locator(`[data-testid="map-edge"][data-source="${source}"][data-target="${target}"]`);

  const openMap = async (query = '') => {
    await page.goto(`/map${query}`);
    await page.getByTestId('service-map-page').waitFor();
    await waitForCount(nodes(), NODE_IDS.length, 'map nodes');
  };

  /** A real click on the middle of an edge's line (the box of a curve may not touch the line at its centre). */
  const clickEdge = async (source: string, target: string) => {
    const at = await edge(source, target)
      .locator('path.edge-line')
      .evaluate((p) => {
        const path = p as unknown as { getTotalLength(): number; getPointAtLength(l: number): { x: number; y: number }; getScreenCTM(): { a: number; b: number; c: number; d: number; e: number; f: number } };
        const pt = path.getPointAtLength(path.getTotalLength() / 2);
        const m = path.getScreenCTM();
        return { x: m.a * pt.x + m.c * pt.y + m.e, y: m.b * pt.x + m.d * pt.y + m.f };
      });
    await page.mouse.click(at.x, at.y);
  };

  before(async () => {
    fixture = await startUiFixture(async (skein) => {
      const now = BigInt(Date.now()) * 1_000_000n;
      for (const [i, fails] of [false, true, false].entries()) {
        const body = otlpJsonTrace(`map-checkout-${i}`, now - BigInt(60 - i * 10) * 1_000_000_000n, checkoutTrace(fails));
        const res = await fetch(`${skein.urls.otlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        assert.equal(`${res.status} ${await res.text()}`, '200 {}');
      }
    });
    ({ skein, ui, page } = fixture);
  });
  after(() => fixture?.stop());

  test('services, the database and the payments peer are nodes; calls are edges with their counts', async () => {
    await openMap();
    const ids = await nodes().evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
    assert.deepEqual([...ids].sort(), NODE_IDS);
    assert.equal(await node('database:postgresql/stockdb').getAttribute('data-kind'), 'database');
    assert.match((await node('service:storefront').locator('.node-name').textContent()) ?? '', /^storefront$/);

    await waitForCount(edges(), EDGES.length, 'map edges');
    const pairs = await edges().evaluateAll((els) => els.map((e) => [e.getAttribute('data-source'), e.getAttribute('data-target'), e.getAttribute('data-call-count')]));
    assert.deepEqual(
      pairs.sort(),
      EDGES.map(([s, t]) => [s, t, '3']),
      'three traces: three calls on every edge',
    );
    // The failing call shows as an error rate on its edge (one of three).
    assert.match((await edge('service:orders', 'service:payments-api').locator('title').textContent()) ?? '', /3 calls.*1 error \(33%\)/);
    assert.equal(ui.pageErrors.length, 0, ui.pageErrors.join('\n'));
  });

  test('clicking an edge opens its numbers and a search for the callee', async () => {
    await openMap();
    await clickEdge('service:orders', 'service:payments-api');
    await panel().waitFor();
    const text = await panel().innerText();
    assert.match(text, /orders → payments-api/);
    assert.match(text, /Calls\s+3/);
    assert.match(text, /Errors\s+1 \(33%\)/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('source'), 'service:orders');
    assert.equal(url.searchParams.get('target'), 'service:payments-api');
    // payments-api sends no spans itself: the search is for orders' spans naming it.
    const href = new URL((await panel().getByTestId('map-search-link').getAttribute('href'))!, 'http://x');
    assert.equal(href.pathname, '/search');
    assert.equal(href.searchParams.get('service'), 'orders');
    assert.deepEqual(href.searchParams.getAll('attr'), ['peer.service=payments-api']);
  });

  test('keyboard: Tab reaches the nodes, Enter opens the panel, Escape closes it', async () => {
    await openMap();
    await page.getByTestId('map-fit').focus();
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate("document.activeElement?.getAttribute('data-node-id')")) as string | null;
    assert.ok(focused && NODE_IDS.includes(focused), `a node has the focus (got ${focused})`);
    await page.keyboard.press('Enter');
    await panel().waitFor();
    assert.equal(new URL(page.url()).searchParams.get('node'), focused);
    await page.keyboard.press('Escape');
    await waitForCount(panel(), 0, 'panel after Escape');
  });

  test("clicking a node shows its operations and links to a search of the service's traces", async () => {
    await openMap();
    await node('service:orders').click();
    await panel().waitFor();
    assert.match(await panel().locator('h2').innerText(), /^orders$/);
    const ops = await panel().getByTestId('map-operation').allInnerTexts();
    assert.ok(ops.some((o) => /POST \/orders/.test(o)), `operations: ${ops.join(' | ')}`);
    assert.ok(ops.some((o) => /charge card/.test(o)));
    assert.match(await panel().innerText(), /Called by[\s\S]*storefront[\s\S]*Calls[\s\S]*payments-api/);
    await saveScreenshot(page, 'service-map');

    await panel().getByTestId('map-search-link').click();
    await eventually(() => Promise.resolve(new URL(page.url()).pathname), (p) => p === '/search', 'the link opens the Search page');
    assert.equal(new URL(page.url()).searchParams.get('service'), 'orders');
    await waitForCount(page.getByTestId('trace-row'), 3, "orders' traces");
  });

  test('a custom range picked in the form, and rates per minute, are in the URL', async () => {
    await openMap();
    await page.locator('select[name="lookback"]').selectOption('custom');
    const form = page.getByTestId('map-custom-range');
    await form.waitFor();
    // Local wall-clock times as the browser sees them: 10 minutes ago to a minute from now.
    const [from, to] = await page.evaluate(() => {
      const local = (ms: number) => {
        const d = new Date(ms);
        const p2 = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
      };
      return [local(Date.now() - 600_000), local(Date.now() + 60_000)];
    });
    await form.locator('input[name="start"]').fill(to);
    await form.locator('input[name="end"]').fill(from);
    assert.equal(await form.getByRole('button', { name: 'Apply' }).isDisabled(), true, 'a start after the end cannot be applied');
    await form.locator('input[name="start"]').fill(from);
    await form.locator('input[name="end"]').fill(to);
    await form.getByRole('button', { name: 'Apply' }).click();
    await eventually(() => Promise.resolve(new URL(page.url()).searchParams), (q) => q.has('start') && q.has('end') && !q.has('lookback'), 'the custom range is in the URL');
    const start = Date.parse(new URL(page.url()).searchParams.get('start')!);
    assert.ok(Math.abs(start - (Date.now() - 600_000)) < 120_000, 'the start is the instant picked');
    await waitForCount(nodes(), NODE_IDS.length, 'nodes over the custom range');

    await page.locator('select[name="rate"]').selectOption('min');
    await eventually(() => Promise.resolve(new URL(page.url()).searchParams.get('rate')), (r) => r === 'min', 'the unit is in the URL');
    await eventually(() => node('service:orders').evaluate((n) => n.textContent ?? ''), (t) => /\/min/.test(t), 'node rates per minute');
    await clickEdge('service:orders', 'service:payments-api');
    await panel().waitFor();
    assert.match(await panel().innerText(), /Rate\s+[\d.]+\/min/);
    assert.ok(new URL(page.url()).searchParams.has('start'), 'selecting keeps the custom range');
  });

  test('the time range is in the URL; an empty range and a bad one say so', async () => {
    await openMap();
    await page.locator('select[name="lookback"]').selectOption('15m');
    await eventually(() => Promise.resolve(new URL(page.url()).searchParams.get('lookback')), (l) => l === '15m', 'the preset is in the URL');
    await waitForCount(nodes(), NODE_IDS.length, 'nodes over the last 15 minutes');

    await page.goto('/map?start=2001-01-01T00:00:00Z&end=2001-01-01T01:00:00Z');
    await page.getByTestId('empty-state').waitFor();
    assert.equal(await nodes().count(), 0);

    await page.goto('/map?start=not-a-time');
    await page.getByTestId('error-state').waitFor();
    assert.match(await page.getByTestId('error-state').innerText(), /start/i);
  });
});
