import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { settingsTableMarkdown } from './settings-table.js';

test('the README documents every setting exactly as the code defines it', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8');
  const between = /<!-- settings-table:start -->\n([\s\S]*?)\n<!-- settings-table:end -->/.exec(readme);
  assert.ok(between, 'README has the settings-table markers');
  assert.equal(between[1], settingsTableMarkdown(), 'regenerate with: node -e "import(\'./packages/server/dist/config/settings-table.js\').then(m=>console.log(m.settingsTableMarkdown()))"');
});
