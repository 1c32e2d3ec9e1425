import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * This package's version (telemetry.sdk.version), read from its package.json once. Compiled
 * files sit in dist/<folder>/, sources in src/<folder>/: the package root is two levels up
 * either way. Never throws: an unreadable file gives "unknown".
 */
export function sdkVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      cached = pkg.name === '@skein/node' && typeof pkg.version === 'string' ? pkg.version : 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
