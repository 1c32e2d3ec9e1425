import type { Browser, Page } from 'playwright-core';
import { startTestSkein } from '../harness.js';
import { launchChromium } from './chromium.js';
import { openUiSession, type UiSession } from './ui-page.js';

export type TestSkein = Awaited<ReturnType<typeof startTestSkein>>;

export interface UiFixture {
  readonly browser: Browser;
  readonly skein: TestSkein;
  readonly ui: UiSession;
  readonly page: Page;
  /** Closes the page's context, the browser and Skein, whatever state they are in. */
  stop(): Promise<void>;
}

/**
 * What every browser test file starts with: Chromium, a Skein (real DuckDB store) fed by `ingest`,
 * and one page on the UI. The browser comes first: when Chromium cannot be had, the file fails
 * before anything else is running.
 */
export async function startUiFixture(ingest: (skein: TestSkein) => Promise<void> = async () => {}): Promise<UiFixture> {
  const browser = await launchChromium();
  let skein: TestSkein | undefined;
  let ui: UiSession | undefined;
  const stop = async () => {
    await ui?.close();
    await browser.close();
    await skein?.stop();
  };
  try {
    skein = await startTestSkein();
    await ingest(skein);
    ui = await openUiSession(browser, skein.urls.query);
    return { browser, skein, ui, page: ui.page, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
