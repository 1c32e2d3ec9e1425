// Runs every compiled test file (packages/*/dist/**/*.test.js and examples/*/dist/**/*.test.js) with Node's test runner.
// Node 20's `node --test` takes no globs, so the file list is collected here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2); // optional substrings to select test files
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (only.length === 0 || only.some((o) => p.includes(o)))) files.push(p);
  }
};
for (const area of ['packages', 'examples']) {
  for (const pkg of readdirSync(join(root, area))) {
    const dist = join(root, area, pkg, 'dist');
    try { statSync(dist); } catch { continue; }
    walk(dist);
  }
}
files.sort();
if (files.length === 0) {
  console.error('no test files found: did the build run?');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
