import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startUiFixture, type TestSkein, type UiFixture } from './ui-fixture.js';
import { eventually, saveScreenshot, selectOptionByText, spanRow, waitForCount, xssMarker, type UiSession } from './ui-page.js';
import { ingestUiTraces, LONG_STRING, spanCountOf, spanIdOf, UI_TRACE_IDS, UNICODE_STRING, XSS_IMG, XSS_JS_URL, XSS_SCRIPT } from './ui-traces.js';

/**
 * The web UI in a real browser (Debian's Chromium driven by playwright-core) against a real
 * Skein fed over OTLP/HTTP: search, the trace waterfall, span details, themes, deep links, and
 * span data full of XSS payloads. Elements are found through the UI's test-id contract only.
 */
describe('web UI in Chromium', () => {
  let fixture: UiFixture | undefined;
  let skein: TestSkein;
  let ui: UiSession;
  let page: Page;

  const ids = UI_TRACE_IDS;
  const rows = () => page.getByTestId('trace-row');
  const spanRows = () => page.getByTestId('span-row');
  const searchForm = () => page.getByTestId('search-form');
  const pathOf = () => new URL(page.url()).pathname;
  const rowLinkHref = (i: number) => rows().nth(i).locator('a[href^="/trace/"]').first().getAttribute('href');

  /** Opens a trace by its URL and waits until its waterfall shows `spans` rows. */
  const openTrace = async (traceId: string, spans?: number) => {
    await page.goto(`/trace/${traceId}`);
    await page.getByTestId('trace-header').waitFor();
    if (spans !== undefined) await waitForCount(spanRows(), spans, `span rows of ${traceId}`);
    else await spanRows().first().waitFor();
  };

  const submitSearch = () => searchForm().getByRole('button', { name: 'Find traces' }).click();

  before(async () => {
    fixture = await startUiFixture(async (skein) => {
      await ingestUiTraces(skein.urls.otlpHttp);
    });
    ({ skein, ui, page } = fixture);
  });
  after(() => fixture?.stop());

  test('search: a service and an attribute condition find the one matching trace, and the URL holds the query', async () => {
    await page.goto('/search');
    await searchForm().locator('select[name="service"]').selectOption('checkout');
    await searchForm().locator('[name="attr"]').first().fill('http.response.status_code>=500');
    await submitSearch();
    await waitForCount(rows(), 1, 'trace rows for checkout with a 5xx');
    assert.equal(await rowLinkHref(0), `/trace/${ids['failed-checkout']}`);
    const rowText = await rows().first().innerText();
    assert.match(rowText, /frontend/, 'the row names the root service');
    assert.match(rowText, /POST \/checkout/, 'the row names the root operation');

    const url = new URL(page.url());
    assert.equal(url.pathname, '/search');
    assert.equal(url.searchParams.get('service'), 'checkout');
    assert.deepEqual(url.searchParams.getAll('attr'), ['http.response.status_code>=500']);
    await page.getByTestId('scatter').waitFor();
    await waitForCount(page.getByTestId('scatter-point'), 1, 'scatter points');
    // The point is reachable by keyboard: focus it and press Enter to open its trace.
    await page.getByTestId('scatter-point').first().focus();
    await page.keyboard.press('Enter');
    await eventually(() => Promise.resolve(new URL(page.url()).pathname), (p) => p === `/trace/${ids['failed-checkout']}`, 'Enter on a scatter point opens its trace');
  });

  test('search: sorting by most spans puts the 22-span trace first', async () => {
    await page.goto('/search');
    await searchForm().locator('select[name="service"]').selectOption('frontend');
    await submitSearch();
    await waitForCount(rows(), 5, 'frontend traces');
    assert.equal(await rowLinkHref(0), `/trace/${ids['order-consumer']}`, 'newest first by default');

    // Choosing a sort applies it at once (the URL changes), no second submit needed.
    const sort = await selectOptionByText(searchForm().locator('select[name="sort"]'), /most spans/i);
    await eventually(() => Promise.resolve(new URL(page.url()).searchParams.get('sort')), (s) => s === sort, 'the sort is in the URL');
    const order = await eventually(
      () => rows().locator('a[href^="/trace/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      (hrefs) => hrefs.length === 5 && hrefs[0] === `/trace/${ids['user-list']}`,
      'all five traces, the one with the most spans (22) first',
    );
    assert.equal(order[1], `/trace/${ids.cart}`, 'then the 7-span trace');
    assert.equal(new URL(page.url()).searchParams.get('service'), 'frontend', 'the service stays in the URL');
    await saveScreenshot(page, 'search-results');
  });

  test('search: a click on a row opens that trace', async () => {
    await page.goto('/search?service=frontend');
    await waitForCount(rows(), 5, 'frontend traces');
    await page.locator(`[data-testid="trace-row"] a[href="/trace/${ids.cart}"]`).click();
    await page.getByTestId('trace-header').waitFor();
    assert.equal(pathOf(), `/trace/${ids.cart}`);
    await waitForCount(spanRows(), spanCountOf('cart'), 'span rows of the cart trace');
    const header = await page.getByTestId('trace-header').innerText();
    assert.ok(header.includes(ids.cart), `the header shows the trace id: ${header}`);
    for (const service of ['frontend', 'checkout', 'inventory']) assert.match(header, new RegExp(service), `the header lists ${service}`);
    assert.match(header, /depth\s*5\b/i, 'root, call, server, load/price, SELECT/GET: 5 levels');
    assert.match(header, /spans\s*7\b/i);
    assert.match(header, /errors\s*0\b/i);
    await saveScreenshot(page, 'trace-waterfall');
  });

  test('trace: collapsing a subtree hides its descendants, expanding shows them again', async () => {
    await openTrace(ids.cart, spanCountOf('cart'));
    const server = spanRow(page, spanIdOf('cart', 'server'));
    const toggle = server.getByTestId('span-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await server.getAttribute('data-depth'), '2', 'root 0, client call 1, checkout server 2');

    await toggle.click();
    await waitForCount(spanRows(), 3, 'rows once the checkout subtree is collapsed');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await spanRow(page, spanIdOf('cart', 'select')).count(), 0, 'a grandchild is hidden too');

    await toggle.click();
    await waitForCount(spanRows(), spanCountOf('cart'), 'rows once expanded again');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  });

  test('trace: a run of 20 identical DB siblings is one row until expanded', async () => {
    await openTrace(ids['user-list']);
    const run = page.getByTestId('sibling-run');
    await waitForCount(run, 1, 'sibling-run rows');
    assert.match(await run.innerText(), /20\s*×\s*SELECT users/);
    const siblingRows = page.locator(Array.from({ length: 20 }, (_, i) => `[data-testid="span-row"][data-span-id="${spanIdOf('user-list', `select-${i}`)}"]`).join(', '));
    assert.equal(await siblingRows.count(), 0, 'the 20 SELECTs are folded into the run row');

    await run.click();
    await waitForCount(siblingRows, 20, 'SELECT rows once the run is expanded');
    assert.equal(await run.count(), 0);
  });

  test('trace: find in trace marks the matches and steps through them with next and previous', async () => {
    await openTrace(ids.cart, spanCountOf('cart'));
    await page.getByTestId('trace-find').fill('GET');
    const matches = page.locator('[data-testid="span-row"][data-match="true"]');
    await waitForCount(matches, 4, 'rows matching GET');
    const matchIds = await matches.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-span-id')));
    assert.deepEqual(new Set(matchIds), new Set(['root', 'call', 'server', 'prices'].map((k) => spanIdOf('cart', k))));
    assert.notEqual(await spanRow(page, spanIdOf('cart', 'load')).getAttribute('data-match'), 'true', 'a non-matching row is not marked');

    // Next/previous select the match (aria-selected), so its details open beside it.
    const current = () => page.locator('[data-testid="span-row"][data-match="true"][aria-selected="true"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-span-id')));
    await page.getByTestId('find-next').click();
    const first = await eventually(current, (c) => c.length === 1, 'one current match after next');
    await page.getByTestId('find-next').click();
    const second = await eventually(current, (c) => c.length === 1 && c[0] !== first[0], 'next moves to another match');
    assert.deepEqual(matchIds.indexOf(second[0]!) - matchIds.indexOf(first[0]!), 1, 'next goes to the following match in display order');
    await page.getByTestId('find-prev').click();
    await eventually(current, (c) => c[0] === first[0], 'previous goes back');
  });

  test('trace: a click on a span shows its details, with errors, events, JSON and downloads', async () => {
    await openTrace(ids['failed-checkout'], spanCountOf('failed-checkout'));
    const charge = spanRow(page, spanIdOf('failed-checkout', 'charge'));
    assert.equal(await charge.getAttribute('data-error'), 'true');
    assert.equal(await spanRow(page, spanIdOf('failed-checkout', 'server')).getAttribute('data-error'), 'true');
    assert.notEqual(await spanRow(page, spanIdOf('failed-checkout', 'root')).getAttribute('data-error'), 'true', 'the root itself did not fail');

    await charge.click();
    const details = page.getByTestId('span-details');
    await details.waitFor();
    const text = await details.innerText();
    for (const expected of ['charge card', 'card declined', 'payment.provider', 'acme-pay', 'exception', 'PaymentDeclined', 'checkout', spanIdOf('failed-checkout', 'charge')]) {
      assert.ok(text.includes(expected), `span details show "${expected}"`);
    }
    await saveScreenshot(page, 'span-details');

    await details.getByTestId('span-json').click();
    await eventually(() => details.innerText(), (t) => t.includes(`"${spanIdOf('failed-checkout', 'charge')}"`), 'the JSON view shows the span id as a JSON string');
    for (const id of ['download-otlp', 'download-jaeger']) {
      const href = await page.getByTestId(id).getAttribute('href');
      assert.ok(href, `${id} has a target`);
      const res = await fetch(new URL(href, skein.urls.query));
      assert.equal(res.status, 200, `${id} downloads`);
      assert.ok((await res.text()).includes(spanIdOf('failed-checkout', 'charge')), `${id} holds the trace's spans`);
    }
  });

  test('trace: a span link opens the linked trace', async () => {
    await openTrace(ids['order-consumer'], spanCountOf('order-consumer'));
    await spanRow(page, spanIdOf('order-consumer', 'consume')).click();
    const link = page.getByTestId('span-details').getByTestId('span-link');
    await waitForCount(link, 1, 'span links of the consumer span');
    const target = `/trace/${ids['failed-checkout']}?span=${spanIdOf('failed-checkout', 'charge')}`;
    assert.equal(await link.getAttribute('href'), target);
    await link.click();
    await eventually(async () => pathOf(), (p) => p === `/trace/${ids['failed-checkout']}`, 'the linked trace opens');
    assert.equal(new URL(page.url()).searchParams.get('span'), spanIdOf('failed-checkout', 'charge'));
    await eventually(() => page.getByTestId('trace-header').innerText(), (h) => h.includes(ids['failed-checkout']), 'the header shows the linked trace');
    await eventually(() => page.getByTestId('span-details').innerText().catch(() => ''), (t) => t.includes('charge card'), 'the linked span is selected');
  });

  test('trace: the critical path is highlighted on demand', async () => {
    await openTrace(ids.cart, spanCountOf('cart'));
    const critical = page.locator('[data-testid="span-row"][data-critical="true"]');
    assert.equal(await critical.count(), 0, 'not highlighted until asked');
    await page.getByTestId('critical-path-toggle').click();
    // load cart runs in parallel with price items, which ends last: the path goes through price.
    await waitForCount(critical, 5, 'rows on the critical path');
    const onPath = await critical.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-span-id')));
    assert.deepEqual(new Set(onPath), new Set(['root', 'call', 'server', 'price', 'prices'].map((k) => spanIdOf('cart', k))));
    await page.getByTestId('critical-path-toggle').click();
    await waitForCount(critical, 0, 'rows on the critical path once toggled off');
  });

  test('trace: a child that starts before its parent carries the clock-skew marker', async () => {
    await openTrace(ids['skewed-order'], spanCountOf('skewed-order'));
    await waitForCount(spanRow(page, spanIdOf('skewed-order', 'skewed')).getByTestId('skew-marker'), 1, 'skew markers on the skewed span');
    assert.equal(await spanRow(page, spanIdOf('skewed-order', 'root')).getByTestId('skew-marker').count(), 0, 'the parent is not marked');
    assert.equal(await spanRow(page, spanIdOf('skewed-order', 'select')).getByTestId('skew-marker').count(), 0, 'a child inside its parent is not marked');
  });

  test('theme: the toggle switches data-theme and the choice survives a reload', async () => {
    await openTrace(ids.cart, spanCountOf('cart'));
    const theme = () => page.evaluate('document.documentElement.dataset.theme') as Promise<string | undefined>;
    assert.equal(await theme(), 'light', 'light by default with a light system preference');
    await page.getByTestId('theme-toggle').click();
    await eventually(theme, (t) => t === 'dark', 'dark after the toggle');
    await page.reload();
    await waitForCount(spanRows(), spanCountOf('cart'), 'span rows after reload');
    assert.equal(await theme(), 'dark', 'the choice is remembered');
    await saveScreenshot(page, 'dark-theme');
    await page.getByTestId('theme-toggle').click();
    await eventually(theme, (t) => t === 'light', 'light again');
  });

  test('deep links: reloading /trace/{id} and /search?... gives the same view', async () => {
    await openTrace(ids['failed-checkout'], spanCountOf('failed-checkout'));
    const header = await page.getByTestId('trace-header').innerText();
    await page.reload();
    await waitForCount(spanRows(), spanCountOf('failed-checkout'), 'span rows after reload');
    assert.equal(await page.getByTestId('trace-header').innerText(), header);

    const query = `/search?service=checkout&attr=${encodeURIComponent('http.response.status_code>=500')}`;
    await page.goto(query);
    await waitForCount(rows(), 1, 'rows of the linked search');
    assert.equal(await rowLinkHref(0), `/trace/${ids['failed-checkout']}`);
    assert.equal(await searchForm().locator('select[name="service"]').inputValue(), 'checkout', 'the form shows the query');
    await page.reload();
    await waitForCount(rows(), 1, 'rows after reload');
    assert.equal(await rowLinkHref(0), `/trace/${ids['failed-checkout']}`);
  });

  test('search: empty state for a service with no traces; a bad duration is refused in the form and is the error state in a link', async () => {
    await page.goto('/search?service=nobody-sends-this');
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    assert.ok((await empty.innerText()).trim().length > 10, 'the empty state explains itself');
    assert.equal(await rows().count(), 0);

    // Typed in the form, a bad duration is caught before any request, next to its field...
    await page.goto('/search?service=frontend');
    await waitForCount(rows(), 5, 'frontend traces');
    const minDuration = searchForm().locator('[name="minDuration"]');
    await minDuration.fill('banana');
    await submitSearch();
    await eventually(() => minDuration.getAttribute('aria-invalid'), (v) => v === 'true', 'the duration field is marked invalid');
    const formText = await searchForm().innerText();
    assert.ok(/banana/.test(formText) && /duration/i.test(formText), 'the form says what was wrong');
    assert.equal(new URL(page.url()).searchParams.get('minDuration'), null, 'no search ran with it');

    // ...and in a link, where there is no form input to blame, the error state says what to do.
    await page.goto('/search?service=frontend&minDuration=banana');
    const error = page.getByTestId('error-state');
    await error.waitFor();
    assert.match(await error.innerText(), /banana/, 'the error names the bad value');
    assert.equal(await rows().count(), 0);
  });

  test('XSS: payloads in service, span, attribute and event names render as text and execute nothing', async () => {
    await page.goto('/search');
    await searchForm().locator('select[name="service"]').selectOption(XSS_IMG);
    await submitSearch();
    await waitForCount(rows(), 1, 'the XSS trace in the results');
    const rowText = await rows().first().innerText();
    assert.ok(rowText.includes(XSS_IMG), 'the service name shows as text');
    assert.ok(rowText.includes(XSS_SCRIPT), 'the root span name shows as text');

    await rows().first().locator(`a[href="/trace/${ids.xss}"]`).click();
    await waitForCount(spanRows(), spanCountOf('xss'), 'span rows of the XSS trace');
    assert.ok((await page.getByTestId('trace-header').innerText()).includes(XSS_IMG), 'the header shows the service name as text');
    const waterfall = await spanRows().evaluateAll((rs) => rs.map((r) => r.textContent ?? '').join('\n'));
    for (const name of [XSS_SCRIPT, XSS_IMG, XSS_JS_URL, '🔥🚀']) assert.ok(waterfall.includes(name), `the waterfall shows ${name} as text`);
    assert.ok(waterfall.includes(LONG_STRING.slice(0, 40)), 'the 10,000-character name starts as text');

    await spanRow(page, spanIdOf('xss', 'root')).click();
    const details = page.getByTestId('span-details');
    await details.waitFor();
    const text = await details.innerText();
    for (const shown of [XSS_IMG, XSS_SCRIPT, XSS_JS_URL, 'LONG:0123456789', 'unicode.value', '🔥🚀']) assert.ok(text.includes(shown), `details show ${shown} as text`);
    // The link to the cart trace is ours (its attributes are payloads too); nothing built from span data is a javascript: URL.
    assert.equal(await details.getByTestId('span-link').getAttribute('href'), `/trace/${ids.cart}?span=${spanIdOf('cart', 'root')}`);
    assert.equal(await page.locator('a[href^="javascript" i], [src^="javascript" i], iframe, object, embed').count(), 0, 'no javascript: URL and no embedded frame');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no injected <img>');
    assert.equal(await page.evaluate("[...document.scripts].filter((s) => s.textContent.includes('__xss')).length"), 0, 'no injected <script>');

    // Still usable: find and details work on the hostile spans.
    await page.getByTestId('trace-find').fill('javascript:');
    const matched = await eventually(
      () => page.locator('[data-testid="span-row"][data-match="true"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-span-id'))),
      (m) => m.length === 3,
      'find matches the three spans holding a javascript: URL',
    );
    assert.deepEqual(new Set(matched), new Set(['root', 'img', 'js'].map((k) => spanIdOf('xss', k))));
    await spanRow(page, spanIdOf('xss', 'unicode')).click();
    await eventually(() => details.innerText(), (t) => t.includes(UNICODE_STRING), 'details of the unicode span, characters intact');

    assert.equal(await xssMarker(page), undefined, 'no payload ran');
    assert.deepEqual(ui.dialogs, [], 'no dialog opened');
    assert.deepEqual(ui.pageErrors, [], 'no uncaught error in the page');

    // The control: the same payload put in as HTML does run, so the checks above could have failed.
    await page.evaluate((html) => {
      const doc = (globalThis as unknown as { document: { createElement(t: string): { innerHTML: string }; body: { append(n: unknown): void } } }).document;
      const div = doc.createElement('div');
      div.innerHTML = html;
      doc.body.append(div);
    }, XSS_IMG);
    await eventually(() => xssMarker(page), (v) => v === 1, 'the payload runs when injected as HTML');
    await page.goto('/search'); // leave a clean page behind
  });
});
