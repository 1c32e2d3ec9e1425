import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: playwright-core ships no browser, and downloading one is not our business. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a quiet, deterministic headless run in a container: no sandbox (we run as root),
 * no GPU, nothing phoning home, and /tmp instead of a small /dev/shm.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const runs = () => existsSync(DEBIAN_CHROMIUM) && spawnSync(DEBIAN_CHROMIUM, ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Makes sure Debian's Chromium is at /usr/bin/chromium, installing it with apt-get when missing and
 * possible (root). Throws, loudly and with the fix, when it cannot be had: a browser test that
 * silently skips proves nothing.
 */
export function ensureChromium(): string {
  if (runs()) return DEBIAN_CHROMIUM;
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canInstall) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (runs()) return DEBIAN_CHROMIUM;
  }
  throw new Error(
    `THE WEB UI END-TO-END TESTS CANNOT RUN: no working Chromium at ${DEBIAN_CHROMIUM}` +
      (canInstall ? ' even after apt-get install' : '') +
      '. Install it with: apt-get update && apt-get install -y chromium',
  );
}

/** One headless Debian Chromium for a test file; each file opens its own fresh context. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_ARGS], headless: true });
}
