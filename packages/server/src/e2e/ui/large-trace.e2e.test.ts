import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { attr, int, makeSpan, SpanKind, str, type Resource, type Span } from '@skein/model';
import { startUiFixture, type UiFixture } from './ui-fixture.js';
import { eventually, spanRow, type UiSession } from './ui-page.js';
import { spanIdOf, traceIdOf } from './ui-traces.js';

/** Just over the UI's FULL_PAYLOAD_LIMIT (20,000), so the page runs in per-span payload mode. */
const SPANS = 20_001;
const T0 = BigInt(Date.now() - 60_000) * 1_000_000n;
const MS = 1_000_000n;

/** A batch job: one root and 20,000 queries under it, each with its own row number attribute. */
function largeTrace(): Span[] {
  const traceId = traceIdOf('large-batch');
  const resource: Resource = { attributes: [attr('service.name', str('batch-job'))], droppedAttributesCount: 0 };
  const rootId = spanIdOf('large-batch', 'root');
  const spans: Span[] = [
    makeSpan({ traceId, spanId: rootId, name: 'nightly import', kind: SpanKind.SERVER, startTimeUnixNano: T0, endTimeUnixNano: T0 + 30_000n * MS, resource, attributes: [attr('job.name', str('nightly-import'))] }),
  ];
  for (let i = 1; i < SPANS; i++) {
    const start = T0 + BigInt(i) * MS;
    spans.push(
      makeSpan({
        traceId,
        spanId: spanIdOf('large-batch', `q${i}`),
        parentSpanId: rootId,
        name: i === 7_777 ? 'UPDATE audit' : 'INSERT rows',
        kind: SpanKind.CLIENT,
        startTimeUnixNano: start,
        endTimeUnixNano: start + MS / 2n,
        resource,
        attributes: [attr('db.system', str('postgresql')), attr('row.number', int(i))],
      }),
    );
  }
  return spans;
}

/**
 * A trace over the full-payload limit: the waterfall paints from the outline, a span's details
 * fetch its payload when opened, and find says it searches names, services and ids only.
 */
describe('a 20,001-span trace in Chromium', () => {
  let fixture: UiFixture | undefined;
  let ui: UiSession;
  let page: Page;
  const traceId = traceIdOf('large-batch');

  before(async () => {
    fixture = await startUiFixture(async (skein) => {
      const spans = largeTrace();
      for (let i = 0; i < spans.length; i += 5_000) await skein.store.writeBatch(spans.slice(i, i + 5_000));
    });
    ({ ui, page } = fixture);
  });
  after(() => fixture?.stop());

  test('paints from the outline; details fetch the payload of the span opened; find searches names', async () => {
    await page.goto(`/trace/${traceId}`);
    await page.getByTestId('trace-header').waitFor();
    assert.match(await page.getByTestId('trace-span-count').innerText(), /20001/);

    // The run of repeated siblings is one row; the root opens with its payload fetched on demand.
    await spanRow(page, spanIdOf('large-batch', 'root')).click();
    const details = page.getByTestId('span-details');
    await eventually(() => details.getByTestId('span-attributes').innerText().catch(() => ''), (t) => t.includes('job.name') && t.includes('nightly-import'), 'the root span payload');
    assert.match(await details.getByTestId('span-resource').innerText(), /service\.name/);

    // Find: names match; attribute values are not searched in a trace this large, and the page says so.
    await page.getByTestId('trace-find').fill('UPDATE audit');
    await eventually(() => page.getByTestId('find-count').innerText(), (t) => t === '– / 1', 'one span named UPDATE audit');
    assert.match(await page.getByTestId('find-scope').innerText(), /attributes are not searched in traces over 20,000 spans/);
    await page.getByTestId('find-next').click();
    await eventually(() => details.innerText().catch(() => ''), (t) => t.includes('UPDATE audit') && t.includes('row.number') && t.includes('7777'), 'the found span, revealed, with its payload');
    await page.getByTestId('trace-find').fill('nightly-import');
    await eventually(() => page.getByTestId('find-count').innerText(), (t) => t === 'no match', 'attribute values are not searched');
    assert.deepEqual(ui.pageErrors, []);
  });
});
