import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startUiFixture, type TestSkein, type UiFixture } from './ui-fixture.js';
import { eventually, saveScreenshot, waitForCount, type UiSession } from './ui-page.js';
import { ingestOrSearchTraces, ingestUiTraces, traceIdOf } from './ui-traces.js';

/**
 * OR groups on the Search page in Chromium against a real Skein: two groups built with the
 * form find the two traces that each match one group, not the one matching neither, and the
 * URL (reloaded) is the same search.
 */
describe('search with OR groups in Chromium', () => {
  let fixture: UiFixture | undefined;
  let skein: TestSkein;
  let ui: UiSession;
  let page: Page;

  const GROUP_1 = 'http.response.status_code>=500';
  const GROUP_2 = ['error.type', 'retry.count>2'];
  const expected = [traceIdOf('or-retried'), traceIdOf('or-server-error')]; // newest first
  const rowIds = () => page.getByTestId('trace-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-trace-id')));

  before(async () => {
    fixture = await startUiFixture(async (skein) => {
      // The other UI traces are there too, so the groups must not pull in traces of other services.
      await ingestUiTraces(skein.urls.otlpHttp);
      await ingestOrSearchTraces(skein.urls.otlpHttp);
    });
    ({ skein, ui, page } = fixture);
  });
  after(() => fixture?.stop());

  test('two groups built in the form find exactly the trace matching each; reload gives the same', async () => {
    await page.goto('/search?service=billing');
    await waitForCount(page.getByTestId('trace-row'), 3, 'all three billing traces before any condition');

    const form = page.getByTestId('search-form');
    await form.locator('[name="attr"]').first().fill('http.route=/invoice');
    await page.getByTestId('add-or-group').click();
    await page.getByTestId('add-or-group').click();
    const groups = page.getByTestId('or-group');
    await waitForCount(groups, 2, 'OR groups');
    await groups.nth(0).locator('[name="anyOf-condition"]').fill(GROUP_1);
    await groups.nth(1).getByRole('button', { name: /Add condition to group 2/ }).click();
    await groups.nth(1).locator('[name="anyOf-condition"]').nth(0).fill(GROUP_2[0]!);
    await groups.nth(1).locator('[name="anyOf-condition"]').nth(1).fill(GROUP_2[1]!);
    await form.getByRole('button', { name: 'Find traces' }).click();

    await eventually(rowIds, (ids) => JSON.stringify(ids) === JSON.stringify(expected), 'the two traces matching one group each');
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('attr'), ['http.route=/invoice']);
    assert.deepEqual(url.searchParams.getAll('anyOf'), [GROUP_1, GROUP_2.join(' and ')]);
    assert.deepEqual(ui.pageErrors, []);
    await saveScreenshot(page, 'search-or-groups');

    await page.reload();
    await eventually(rowIds, (ids) => JSON.stringify(ids) === JSON.stringify(expected), 'the same two traces after a reload');
    // The form is rebuilt from the URL: the groups and their conditions are back.
    await waitForCount(page.getByTestId('or-group'), 2, 'OR groups after reload');
    assert.deepEqual(await page.getByTestId('or-group').nth(1).locator('[name="anyOf-condition"]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value)), GROUP_2);
  });
});
