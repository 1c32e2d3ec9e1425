import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startUiFixture, type TestSkein, type UiFixture } from './ui-fixture.js';
import { eventually, saveScreenshot, waitForCount, xssMarker, type UiSession } from './ui-page.js';
import { ingestCompareTraces, ingestUiTraces, traceIdOf, UI_TRACE_IDS, XSS_IMG } from './ui-traces.js';

/**
 * The Compare page in Chromium against a real Skein: two runs of one request where b has one
 * span more, one span less and one slower SELECT, picked for comparison on the search page.
 */
describe('compare page in Chromium', () => {
  let fixture: UiFixture | undefined;
  let skein: TestSkein;
  let ui: UiSession;
  let page: Page;

  const idA = traceIdOf('compare-a');
  const idB = traceIdOf('compare-b');
  const diffRows = () => page.getByTestId('diff-row');
  const rowsOf = (kind: string) => page.locator(`[data-testid="diff-row"][data-diff="${kind}"]`);
  const rowNamed = (name: string) => diffRows().filter({ has: page.locator('.diff-name', { hasText: name }) });
  const rowNames = () => diffRows().locator('.diff-name').allInnerTexts();

  const openCompare = async (query: string, rows: number) => {
    await page.goto(`/compare?${query}`);
    await page.getByTestId('diff-summary').waitFor();
    await waitForCount(diffRows(), rows, 'diff rows');
  };

  before(async () => {
    fixture = await startUiFixture(async (skein) => {
      await ingestUiTraces(skein.urls.otlpHttp);
      await ingestCompareTraces(skein.urls.otlpHttp);
    });
    ({ skein, ui, page } = fixture);
  });
  after(() => fixture?.stop());

  test('two results picked on the search page open their diff: one extra, one missing, one slower span', async () => {
    await page.goto('/search?service=catalog');
    await waitForCount(page.getByTestId('trace-row'), 2, 'the two catalog traces');
    const button = page.getByTestId('compare-selected');
    assert.equal(await button.isDisabled(), true, 'nothing to compare before two are picked');
    // Newest first, so b is listed first: pick a first, so it becomes trace A.
    await page.locator(`[data-testid="trace-row"][data-trace-id="${idA}"] [data-testid="compare-select"]`).check();
    assert.equal(await button.isDisabled(), true, 'one pick is not enough');
    await page.locator(`[data-testid="trace-row"][data-trace-id="${idB}"] [data-testid="compare-select"]`).check();
    await button.click();

    await page.getByTestId('compare-page').waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, '/compare');
    assert.deepEqual([url.searchParams.get('a'), url.searchParams.get('b')], [idA, idB]);
    await waitForCount(diffRows(), 6, 'diff rows: root, session, load, SELECT, recommendations, reviews');

    assert.deepEqual(await rowNames(), ['GET /product/{id}', 'check session', 'load product', 'SELECT products', 'GET /recommendations', 'GET /reviews'], 'tree order');
    await waitForCount(rowsOf('both'), 4, 'matched rows');
    await waitForCount(rowsOf('only-a'), 1, 'rows only in A');
    await waitForCount(rowsOf('only-b'), 1, 'rows only in B');
    assert.match(await rowsOf('only-a').innerText(), /GET \/recommendations[\s\S]*only in A[\s\S]*60ms[\s\S]*removed/);
    assert.match(await rowsOf('only-b').innerText(), /GET \/reviews[\s\S]*only in B[\s\S]*60ms[\s\S]*added/);

    const select = rowNamed('SELECT products');
    assert.equal(await select.getAttribute('data-diff'), 'both');
    assert.equal(await select.getAttribute('data-changed'), 'true');
    assert.equal(await select.getByTestId('diff-a').innerText(), '20ms');
    assert.equal(await select.getByTestId('diff-b').innerText(), '90ms');
    assert.equal(await select.getByTestId('diff-delta').innerText(), '+70ms (+350%)');
    assert.equal(await rowNamed('GET /product/{id}').getByTestId('diff-delta').innerText(), '+70ms (+58%)');
    const session = rowNamed('check session');
    assert.equal(await session.getByTestId('diff-delta').innerText(), '±0');
    assert.equal(await session.getAttribute('data-changed'), null, 'an unchanged span is not marked');

    const summary = await page.getByTestId('diff-summary').innerText();
    assert.match(summary, /4\s*matched/);
    assert.match(summary, /3\s*changed/, 'root, load product and the SELECT');
    assert.match(summary, /1\s*only in A/);
    assert.match(summary, /1\s*only in B/);
    assert.match(summary, /120ms → 190ms/);
    assert.match(summary, /Slower in B:\s*inventory: SELECT products \+70ms$/m, 'the span that regressed is named, not its ancestors');

    const sideA = await page.getByTestId('compare-side-a').innerText();
    const sideB = await page.getByTestId('compare-side-b').innerText();
    for (const [side, id, duration] of [[sideA, idA, '120ms'], [sideB, idB, '190ms']] as const) {
      assert.match(side, /catalog\s+GET \/product\/\{id\}/);
      assert.match(side, new RegExp(`Duration\\s*${duration}`));
      assert.match(side, /Spans\s*5\b/);
      assert.match(side, /Errors\s*0\b/);
      assert.ok(side.includes(id), 'the trace id is shown');
    }
    await saveScreenshot(page, 'compare');
    assert.deepEqual(ui.pageErrors, []);
  });

  test('"only changed" hides unchanged rows and "largest delta first" puts the regression on top; both stay in the URL', async () => {
    await openCompare(`a=${idA}&b=${idB}`, 6);
    await page.locator('input[name="changed"]').check();
    await waitForCount(diffRows(), 5, 'rows once unchanged ones are hidden');
    assert.equal(await rowNamed('check session').count(), 0);
    assert.equal(new URL(page.url()).searchParams.get('changed'), '1');

    await page.locator('select[name="order"]').selectOption('delta');
    await eventually(rowNames, (n) => n.join('|') === 'GET /product/{id}|load product|SELECT products|GET /reviews|GET /recommendations', 'biggest slowdown first, savings last');
    assert.equal(new URL(page.url()).searchParams.get('order'), 'delta');

    // The URL alone restores the view (a shared link shows the same thing).
    await openCompare(`a=${idA}&b=${idB}&order=delta&changed=1`, 5);
    assert.equal(await page.locator('input[name="changed"]').isChecked(), true);
    assert.equal(await page.locator('select[name="order"]').inputValue(), 'delta');
  });

  test('collapsing a row hides what is under it; the headers link to each trace', async () => {
    await openCompare(`a=${idA}&b=${idB}`, 6);
    await rowNamed('load product').getByRole('button', { name: 'Collapse' }).click();
    await waitForCount(diffRows(), 5, 'rows with load product collapsed');
    assert.equal(await rowNamed('SELECT products').count(), 0);
    await rowNamed('load product').getByRole('button', { name: 'Expand' }).click();
    await waitForCount(diffRows(), 6, 'rows once expanded');

    await page.getByTestId('open-trace-b').click();
    await page.getByTestId('trace-header').waitFor();
    assert.equal(new URL(page.url()).pathname, `/trace/${idB}`);
  });

  test('without ids the page is a form; it checks the ids and says which trace is missing', async () => {
    await page.goto('/compare');
    await page.getByTestId('compare-form').waitFor();
    assert.equal(await diffRows().count(), 0);
    await page.locator('input[name="a"]').fill(idA);
    await page.locator('input[name="b"]').fill('not a trace id');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByText('A trace id is hexadecimal').waitFor();
    assert.equal(new URL(page.url()).search, '', 'an invalid id is not put in the URL');

    await page.locator('input[name="b"]').fill('ffffffffffffffffffffffffffffffff');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('empty-state').waitFor();
    assert.match(await page.getByTestId('empty-state').innerText(), /Trace B not found[\s\S]*ffffffffffffffffffffffffffffffff/);

    await page.locator('input[name="b"]').fill(idB);
    await page.getByRole('button', { name: 'Compare' }).click();
    await waitForCount(diffRows(), 6, 'diff rows once both ids are valid');
  });

  test('span data full of XSS payloads is shown as text', async () => {
    await openCompare(`a=${UI_TRACE_IDS.xss}&b=${UI_TRACE_IDS.cart}`, 5 + 7);
    assert.ok((await rowNames()).includes(XSS_IMG), 'the payload is shown literally');
    assert.equal(await xssMarker(page), undefined, 'no payload ran');
    assert.deepEqual(ui.dialogs, []);
    assert.deepEqual(ui.pageErrors, []);
  });
});
