import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstSetEnv, integerFromEnv } from './env-integer.js';
import { captureDiag } from './test-support/capture-diag.js';

test('integerFromEnv reads whole numbers and treats blank as unset', () => {
  assert.equal(integerFromEnv({ A: '42' }, 'A', 0), 42);
  assert.equal(integerFromEnv({ A: ' 7 ' }, 'A', 1), 7);
  assert.equal(integerFromEnv({ A: '+7' }, 'A', 1), 7);
  assert.equal(integerFromEnv({}, 'A', 0), undefined);
  assert.equal(integerFromEnv({ A: '  ' }, 'A', 0), undefined);
});

test('integerFromEnv warns and returns undefined on bad values', () => {
  const warnings = captureDiag(() => {
    for (const bad of ['abc', '1.5', '-3', '0x10', '1e3', '99999999999999999999']) {
      assert.equal(integerFromEnv({ A: bad }, 'A', 0), undefined, bad);
    }
    assert.equal(integerFromEnv({ A: '0' }, 'A', 1), undefined);
  });
  assert.equal(warnings.length, 7);
  assert.match(warnings[0]!, /A="abc"/);
});

test('firstSetEnv prefers the first name that is set', () => {
  assert.deepEqual(firstSetEnv({ B: 'b', A: 'a' }, 'A', 'B'), { name: 'A', value: 'a' });
  assert.deepEqual(firstSetEnv({ A: ' ', B: ' b ' }, 'A', 'B'), { name: 'B', value: 'b' });
  assert.equal(firstSetEnv({}, 'A', 'B'), undefined);
});
