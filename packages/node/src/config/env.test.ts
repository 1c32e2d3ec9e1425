import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envBoolean, envList, envNonNegativeInteger, envString } from './env.js';
import { captureDiag } from './diag-capture.js';

const diagLog = captureDiag();

test('envString: trimmed; empty and blank values count as unset', () => {
  assert.equal(envString({ A: '  x ' }, 'A'), 'x');
  assert.equal(envString({ A: '' }, 'A'), undefined);
  assert.equal(envString({ A: '   ' }, 'A'), undefined);
  assert.equal(envString({}, 'A'), undefined);
});

test('envBoolean: only "true" in any case is true; other values warn and are false', () => {
  diagLog.clear();
  assert.equal(envBoolean({ B: 'true' }, 'B'), true);
  assert.equal(envBoolean({ B: 'TRUE' }, 'B'), true);
  assert.equal(envBoolean({ B: 'false' }, 'B'), false);
  assert.equal(envBoolean({}, 'B'), false);
  assert.equal(diagLog.warnings.length, 0);
  assert.equal(envBoolean({ B: '1' }, 'B'), false);
  assert.equal(envBoolean({ B: 'yes' }, 'B'), false);
  assert.equal(diagLog.warnings.length, 2);
  assert.match(diagLog.warnings[0]!, /B="1"/);
});

test('envNonNegativeInteger: decimal digits only; anything else warns and gives the default', () => {
  diagLog.clear();
  assert.equal(envNonNegativeInteger({ N: '42' }, 'N', 7), 42);
  assert.equal(envNonNegativeInteger({ N: ' 0 ' }, 'N', 7), 0);
  assert.equal(envNonNegativeInteger({}, 'N', 7), 7);
  assert.equal(diagLog.warnings.length, 0);
  for (const bad of ['-1', '1.5', '0x10', 'abc', '1e3', '99999999999999999999']) {
    assert.equal(envNonNegativeInteger({ N: bad }, 'N', 7), 7, bad);
  }
  assert.equal(diagLog.warnings.length, 6);
});

test('envList: trimmed, lower-cased, empties and repeats dropped, order kept', () => {
  assert.deepEqual(envList({ L: ' B3, tracecontext,,b3 , Baggage ' }, 'L', ['d']), ['b3', 'tracecontext', 'baggage']);
  assert.deepEqual(envList({ L: ' , ' }, 'L', ['d']), ['d']);
  assert.deepEqual(envList({}, 'L', ['d']), ['d']);
});
