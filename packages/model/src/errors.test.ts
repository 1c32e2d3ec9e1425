import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, SkeinError } from './errors.js';

test('every coded error has a status and message, and serializes to its code', () => {
  for (const [code, def] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^SKEIN_ERR_[A-Z_]+$/);
    assert.ok(def.status >= 400 && def.status < 600);
    const e = new SkeinError(code as keyof typeof ERROR_CODES, 'detail');
    assert.deepEqual(e.toJSON(), { code, message: `${def.message}: detail` });
  }
});
