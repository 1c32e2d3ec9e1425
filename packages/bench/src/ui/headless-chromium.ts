import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';

/** Debian's Chromium, as the browser tests use it (playwright-core ships no browser). */
export const CHROMIUM_PATH = process.env.SKEIN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The launch flags of packages/server/src/e2e/ui/chromium.ts, copied rather than imported (the
 * bench must not depend on test code): no sandbox (root in a container), no GPU, nothing phoning
 * home, /tmp instead of a small /dev/shm.
 */
const CHROMIUM_ARGS: readonly string[] = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export type ChromiumLaunch = { readonly browser: Browser; readonly version: string } | { readonly skipped: string };

/**
 * Headless Chromium for the UI phase, or the reason it cannot be had (no binary, no
 * playwright-core): the caller prints that loudly instead of failing the whole benchmark.
 */
export async function launchHeadlessChromium(): Promise<ChromiumLaunch> {
  if (!existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH} (install it: apt-get install -y chromium, or set SKEIN_CHROMIUM)` };
  const probe = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: `${CHROMIUM_PATH} --version failed: ${(probe.stderr || probe.error?.message || '').trim().slice(0, 200)}` };
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (e) {
    return { skipped: `playwright-core cannot be loaded (${(e as Error).message.split('\n')[0]})` };
  }
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
  return { browser, version: probe.stdout.trim() };
}
