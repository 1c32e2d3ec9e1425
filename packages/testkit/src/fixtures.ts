import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real client payloads in ../shared/fixtures/wire (beside the repository). SKEIN_FIXTURES
 * overrides the location.
 */
export function wireFixturesDir(): string {
  if (process.env.SKEIN_FIXTURES) return process.env.SKEIN_FIXTURES;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, '..', 'shared', 'fixtures', 'wire');
    if (existsSync(join(candidate, 'manifest.json'))) return resolve(candidate);
    dir = dirname(dir);
  }
  throw new Error('wire fixtures not found: expected ../shared/fixtures/wire beside the repository (or set SKEIN_FIXTURES)');
}

export const readWireFixture = (file: string): Buffer => readFileSync(join(wireFixturesDir(), file));

/** One manifest entry; fields are as the fixtures README describes (loosely typed on purpose). */
export interface FixtureManifestEntry {
  file: string;
  protocol: string;
  client: string;
  traceId: string;
  services?: string[];
  sameAs?: string;
  resource?: Record<string, unknown>;
  scope?: { name: string; version: string };
  processTags?: Record<string, unknown>;
  spans?: Array<Record<string, unknown> & { name: string; parent: string | null }>;
  transport: { port: number; kind: string; method?: string; path?: string; headers?: Record<string, string> };
  [k: string]: unknown;
}

export function wireManifest(): FixtureManifestEntry[] {
  return JSON.parse(readFileSync(join(wireFixturesDir(), 'manifest.json'), 'utf8')) as FixtureManifestEntry[];
}

export function manifestEntry(file: string): FixtureManifestEntry {
  const e = wireManifest().find((m) => m.file === file);
  if (!e) throw new Error(`no manifest entry for ${file}`);
  return e;
}
