import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** The folder the README names for the tests' screenshots (repo root/test-output/screenshots), from dist/e2e/ui/. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../../test-output/screenshots/', import.meta.url));

/** How long any one UI step may take: short, so a missing element fails fast instead of stalling the file. */
export const STEP_TIMEOUT_MS = 5_000;

export interface UiSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Messages of every alert/confirm/prompt the page opened: an executed payload would show here. */
  readonly dialogs: string[];
  /** Uncaught exceptions in the page. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser context (no cookies, no localStorage) with one page on Skein's query port. The
 * system colour scheme is pinned to light so the starting theme is known.
 */
export async function openUiSession(browser: Browser, baseURL: string): Promise<UiSession> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return { context, page, dialogs, pageErrors, close: () => context.close() };
}

/** Polls `check` until it holds (playwright-core has no `expect`); fails with `what` and the last value seen. */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > deadline) assert.fail(`${what} (last seen: ${JSON.stringify(v)?.slice(0, 500)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until `locator` matches exactly `n` elements. */
export const waitForCount = (locator: Locator, n: number, what: string): Promise<number> => eventually(() => locator.count(), (c) => c === n, `${what}: expected ${n}`);

/** Chooses the option of a <select> whose visible text matches, whatever value the UI gave it. */
export async function selectOptionByText(select: Locator, text: RegExp): Promise<string> {
  const options = await eventually(
    () => select.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as unknown as { value: string }).value, text: o.textContent ?? '' }))),
    (os) => os.some((o) => text.test(o.text)),
    `an option matching ${text}`,
  );
  const value = options.find((o) => text.test(o.text))!.value;
  await select.selectOption(value);
  return value;
}

/**
 * Saves a screenshot under test-output/screenshots/ (git-ignored; overwritten each run, names stay
 * stable). The README's pictures in docs/screenshots/ are copied from there on purpose with
 * `npm run screenshots`, so a test run does not leave the working tree changed.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: false, animations: 'disabled' });
}

/** `window.__xss` in the page: set only if an injected payload ran. */
export const xssMarker = (page: Page): Promise<unknown> => page.evaluate('window.__xss');

export const spanRow = (page: Page, spanId: string): Locator => page.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`);
