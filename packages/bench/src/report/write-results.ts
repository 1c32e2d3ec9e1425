import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchResults } from './bench-results.js';
import type { ResultRow } from './results-table.js';

/** packages/bench/results/ (this file is in packages/bench/dist/report/). */
export const RESULTS_DIR = fileURLToPath(new URL('../../results/', import.meta.url));

/** Writes results/latest.json (the table rows and every raw measurement); returns its path. */
export async function writeResults(results: BenchResults, rows: readonly ResultRow[]): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}latest.json`;
  await writeFile(path, `${JSON.stringify({ table: rows, ...results }, null, 2)}\n`);
  return path;
}
