import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoToLocalInput, localInputToIso } from './datetime-local.js';

test('ISO instant ↔ datetime-local value round-trips to the millisecond in the local zone', () => {
  for (const iso of ['2026-11-21T10:00:00.000Z', '2026-06-30T23:59:59.999Z', '2000-01-01T00:00:00.001Z']) {
    const local = isoToLocalInput(iso);
    assert.match(local, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
    assert.equal(localInputToIso(local), iso);
  }
});

test('empty and unparseable values', () => {
  assert.equal(isoToLocalInput(''), '');
  assert.equal(isoToLocalInput('nope'), '');
  assert.equal(localInputToIso(''), '');
  assert.equal(localInputToIso('nope'), 'nope');
});
