import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './node-flags.js';

test('the bin shebang and npm start pass the same V8 flags as the bench', () => {
  const bin = readFileSync(fileURLToPath(new URL('./skein.js', import.meta.url)), 'utf8').split('\n')[0];
  assert.equal(bin, `#!/usr/bin/env -S node ${SERVER_NODE_FLAGS.join(' ')}`);
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../package.json', import.meta.url)), 'utf8')) as { scripts: { start: string } };
  assert.ok(pkg.scripts.start.includes(`node ${SERVER_NODE_FLAGS.join(' ')} packages/server/dist/bin/skein.js`));
});
