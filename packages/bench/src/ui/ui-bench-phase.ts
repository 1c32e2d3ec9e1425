import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { percentile } from '../measure/stats.js';
import { SkeinProcess } from '../server/skein-process.js';
import { launchHeadlessChromium } from './headless-chromium.js';
import { hugeTrace } from './huge-trace.js';
import { ingestTrace } from './ingest-trace.js';
import { FIRST_ROW_PAINTED, FIRST_ROW_PAINT_SCRIPT, READ_FIRST_ROW_PAINT, scrollScript, type ScrollRun } from './page-scripts.js';
import type { UiBenchResults, UiTraceMeasurement } from './ui-bench-results.js';

/** The sizes the issue names. */
export const UI_TRACE_SIZES: readonly number[] = [1_000, 10_000, 100_000];
const SCROLL_FRAMES = 90;
/** ~25 rows per frame: a brisk scroll that brings new rows into view every frame. */
const SCROLL_STEP_PX = 600;
/** Generous: the 100k trace's JSON is over 100 MB; a page that never paints still ends the phase. */
const PAINT_TIMEOUT_MS = 60_000;

/**
 * `npm run bench`'s UI phase: a fresh `skein all-in-one` (its own data directory, so the lookups
 * are not slowed by the ingest phase's data), one deep-and-wide trace of each size sent over
 * OTLP/HTTP, then each opened at `/trace/{id}` in headless Chromium in a fresh context: time to
 * the first painted span row, JS heap, and frame times while scrolling the waterfall.
 */
export async function runUiPhase(log: (line: string) => void = console.log, sizes: readonly number[] = UI_TRACE_SIZES): Promise<UiBenchResults> {
  const started = performance.now();
  const launched = await launchHeadlessChromium();
  if ('skipped' in launched) return { status: 'skipped', reason: launched.skipped };
  const { browser } = launched;
  const dataDir = await mkdtemp(join(tmpdir(), 'skein-bench-ui-'));
  let server: SkeinProcess | undefined;
  try {
    server = await SkeinProcess.start(dataDir);
    // Ends a minute ago: inside the default retention, never in the future.
    const startNanos = (BigInt(Date.now()) - 120_000n) * 1_000_000n;
    const traces = sizes.map((spanCount, i) => hugeTrace({ spanCount, seed: 100 + i, startNanos }));
    let t = performance.now();
    for (const spans of traces) await ingestTrace(server.urls.otlpHttp, spans);
    log(`    ingested ${traces.map((s) => s.length.toLocaleString('en-US')).join(' + ')} spans over OTLP/HTTP in ${((performance.now() - t) / 1000).toFixed(1)} s (durable)`);
    const measured: UiTraceMeasurement[] = [];
    for (const spans of traces) {
      t = performance.now();
      const m = await measureTrace(browser, server.urls.query, spans[0]!.traceId, spans.length);
      measured.push(m);
      log(`    ${spans.length.toLocaleString('en-US')} spans: first row painted at ${m.firstRowPaintMs.toFixed(0)} ms, heap ${(m.heapUsedBytes / 1024 ** 2).toFixed(0)} MiB, scroll p95 ${m.scroll.p95FrameMs.toFixed(1)} ms (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
    return { status: 'measured', browser: launched.version, traces: measured, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    if (server) log(`server output (tail):\n${server.log().slice(-2000)}`);
    throw err;
  } finally {
    await browser.close();
    if (server) await server.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureTrace(browser: Browser, baseUrl: string, traceId: string, spanCount: number): Promise<UiTraceMeasurement> {
  // The API first, from here: the outline is the server's share of the first paint; the whole
  // trace is what the page fetches next (up to 20,000 spans) and what a download costs.
  let t = performance.now();
  const outlineRes = await fetch(`${baseUrl}/api/skein/traces/${traceId}/outline`);
  const outlineBody = await outlineRes.arrayBuffer();
  const outlineMs = performance.now() - t;
  if (outlineRes.status !== 200) throw new Error(`GET /api/skein/traces/${traceId}/outline: HTTP ${outlineRes.status}`);
  const outlined = (JSON.parse(Buffer.from(outlineBody).toString('utf8')) as { spanCount: number }).spanCount;
  if (outlined !== spanCount) throw new Error(`the ${spanCount}-span trace's outline has ${outlined} spans`);
  t = performance.now();
  const res = await fetch(`${baseUrl}/api/skein/traces/${traceId}`);
  const body = await res.arrayBuffer();
  const apiMs = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET /api/skein/traces/${traceId}: HTTP ${res.status}`);
  const answered = (JSON.parse(Buffer.from(body).toString('utf8')) as { spans: unknown[] }).spans.length;
  if (answered !== spanCount) throw new Error(`the ${spanCount}-span trace came back with ${answered} spans`);

  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(FIRST_ROW_PAINT_SCRIPT);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`/trace/${traceId}`, { waitUntil: 'commit' });
    await page.waitForFunction(FIRST_ROW_PAINTED, null, { timeout: PAINT_TIMEOUT_MS, polling: 50 });
    const paint = (await page.evaluate(READ_FIRST_ROW_PAINT)) as { firstPaintMs: number; rows: number };
    if (pageErrors.length > 0) throw new Error(`the trace page threw: ${pageErrors[0]}`);

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heapUsedBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;

    const scroll = (await page.evaluate(scrollScript(SCROLL_FRAMES, SCROLL_STEP_PX))) as ScrollRun;
    const sorted = Float64Array.from(scroll.frameIntervals).sort();
    return {
      spans: spanCount,
      traceId,
      outlineMs,
      outlineBytes: outlineBody.byteLength,
      apiMs,
      apiBytes: body.byteLength,
      firstRowPaintMs: paint.firstPaintMs,
      heapUsedBytes,
      scroll: { frames: sorted.length, stepPx: SCROLL_STEP_PX, medianFrameMs: percentile(sorted, 50), p95FrameMs: percentile(sorted, 95), maxFrameMs: sorted[sorted.length - 1] ?? NaN },
      rowsInDom: scroll.rowsInDom,
    };
  } finally {
    await context.close();
  }
}
