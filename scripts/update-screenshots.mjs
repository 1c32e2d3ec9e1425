// Copies the screenshots the browser tests took (test-output/screenshots/, written by every
// `npm test`) to docs/screenshots/, where the README shows them. Run after a UI change:
//   npm test && npm run screenshots
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const from = join(root, 'test-output', 'screenshots');
const to = join(root, 'docs', 'screenshots');
let names;
try {
  names = readdirSync(from).filter((n) => n.endsWith('.png'));
} catch {
  console.error(`no screenshots in ${from}: run the browser tests first (npm test)`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
for (const n of names) copyFileSync(join(from, n), join(to, n));
console.log(`copied ${names.length} screenshots to docs/screenshots/`);
