import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { readWireFixture } from '@skein/testkit';
import { startUiFixture, type TestSkein, type UiFixture } from './ui-fixture.js';
import { saveScreenshot, spanRow, waitForCount, xssMarker, type UiSession } from './ui-page.js';
import { XSS_IMG } from './ui-traces.js';

/**
 * `/open`: a local JSON file in each format the page reads (OTLP, Jaeger, Zipkin v2) is shown with
 * the trace view, in the browser only: nothing reaches Skein's store. Bad files say what is wrong.
 */

const JAEGER_TRACE_ID = '0000000000000000a1b2c3d4e5f60718';
/** Jaeger's query API answer for one trace; one operation name carries an XSS payload. */
const jaegerFile = JSON.stringify({
  data: [
    {
      traceID: JAEGER_TRACE_ID,
      spans: [
        { traceID: JAEGER_TRACE_ID, spanID: 'a1b2c3d4e5f60718', operationName: 'GET /jaeger', references: [], startTime: 1795234584237000, duration: 20000, tags: [{ key: 'span.kind', type: 'string', value: 'server' }], logs: [], processID: 'p1' },
        {
          traceID: JAEGER_TRACE_ID,
          spanID: '1111111111111111',
          operationName: XSS_IMG,
          references: [{ refType: 'CHILD_OF', traceID: JAEGER_TRACE_ID, spanID: 'a1b2c3d4e5f60718' }],
          startTime: 1795234584240000,
          duration: 10000,
          tags: [{ key: 'error', type: 'bool', value: true }],
          logs: [],
          processID: 'p2',
        },
      ],
      processes: { p1: { serviceName: 'jaeger-front', tags: [] }, p2: { serviceName: 'jaeger-back', tags: [] } },
    },
  ],
});

describe('web UI: open a trace file (Chromium)', () => {
  let fixture: UiFixture | undefined;
  let skein: TestSkein;
  let ui: UiSession;
  let page: Page;

  const upload = async (name: string, body: string | Buffer) => {
    await page.getByTestId('open-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
  };
  const summary = () => page.getByTestId('open-file-summary').innerText();
  const storedStatus = async (traceId: string) => (await fetch(`${skein.urls.query}/api/skein/traces/${traceId}`)).status;

  before(async () => {
    fixture = await startUiFixture();
    ({ skein, ui, page } = fixture);
  });
  after(() => fixture?.stop());

  test('the nav link leads to the page with its file input', async () => {
    await page.goto('/search');
    await page.getByRole('link', { name: 'Open file' }).click();
    await page.getByTestId('open-file-page').waitFor();
    assert.equal(new URL(page.url()).pathname, '/open');
    assert.equal(await page.getByRole('link', { name: 'Open file' }).getAttribute('aria-current'), 'page');
  });

  test('OTLP JSON: the OpenTelemetry JS exporter body opens as a four-span waterfall, and is not stored', async () => {
    await page.goto('/open');
    await upload('otlp-trace.json', readWireFixture('otel-otlp-json.bin'));
    await waitForCount(page.getByTestId('span-row'), 4, 'span rows of the OTLP file');
    assert.equal(await page.getByTestId('download-otlp').count(), 0, 'no download links for a trace the server does not have');
    assert.match(await summary(), /otlp-trace\.json: OTLP JSON, 1 trace, 4 spans; not stored/);
    await page.getByTestId('trace-header').waitFor();
    assert.match(await page.getByTestId('trace-header').innerText(), /api-01/);
    assert.match(await spanRow(page, '6456ef558c352d39').innerText(), /call_api_02/);
    await saveScreenshot(page, 'open-file-otlp');
    assert.equal(await storedStatus('3c3f17bd88b79a1bba04101d74c7be8c'), 404, 'opening a file stores nothing');
  });

  test('Zipkin v2 JSON: the zipkin-js body opens with its two services', async () => {
    await upload('zipkin.json', readWireFixture('zipkinjs-v2.bin'));
    await waitForCount(page.getByTestId('span-row'), 2, 'span rows of the Zipkin file');
    assert.match(await summary(), /zipkin\.json: Zipkin v2 JSON, 1 trace, 2 spans/);
    assert.match(await spanRow(page, 'f783025476316b50').innerText(), /post \/charge/);
    assert.match(await spanRow(page, '099f4ac0a62c2d2d').innerText(), /get \/checkout/);
  });

  test('Jaeger JSON: spans open under their processes, and span text stays text', async () => {
    await upload('jaeger.json', jaegerFile);
    await waitForCount(page.getByTestId('span-row'), 2, 'span rows of the Jaeger file');
    assert.match(await summary(), /jaeger\.json: Jaeger JSON, 1 trace, 2 spans/);
    assert.match(await spanRow(page, 'a1b2c3d4e5f60718').innerText(), /GET \/jaeger/);
    assert.ok((await spanRow(page, '1111111111111111').innerText()).includes(XSS_IMG), 'the payload is shown as text');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was made from span text');
    assert.equal(await xssMarker(page), undefined);
    assert.deepEqual(ui.dialogs, []);
  });

  test('a bad file shows the error state naming what is wrong, and the next good file opens', async () => {
    await upload('broken.json', '{"resourceSpans": [');
    await page.getByTestId('error-state').waitFor();
    assert.match(await page.getByTestId('error-state').innerText(), /Could not open broken\.json[\s\S]*not JSON/);
    assert.equal(await page.getByTestId('span-row').count(), 0, 'the previous trace is gone');

    await upload('wrong-id.json', JSON.stringify([{ traceId: 'not-hex', id: '1'.repeat(16), name: 'x', timestamp: 1 }]));
    await page.getByText(/\[0\]\.traceId: expected 16 or 32 hex characters/).waitFor();

    await upload('other.json', JSON.stringify({ hello: 'world' }));
    await page.getByText(/not a trace format Skein can open/).waitFor();

    await upload('zipkin.json', readWireFixture('zipkinjs-v2.bin'));
    await waitForCount(page.getByTestId('span-row'), 2, 'span rows after the error');
    assert.equal(await page.getByTestId('error-state').count(), 0);
    assert.deepEqual(ui.pageErrors, []);
  });
});
