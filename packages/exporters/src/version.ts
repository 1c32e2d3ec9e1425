import { readFileSync } from 'node:fs';

/** This package's version, for the `user-agent` (read once; dist/ sits beside package.json). */
export const SKEIN_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

export const USER_AGENT = `skein/${SKEIN_VERSION}`;
