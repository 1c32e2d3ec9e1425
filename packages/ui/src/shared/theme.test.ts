import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialTheme, otherTheme } from './theme.js';

test('a remembered theme wins over the system preference', () => {
  assert.equal(initialTheme('light', true), 'light');
  assert.equal(initialTheme('dark', false), 'dark');
});

test('without a valid remembered theme, the system preference decides', () => {
  assert.equal(initialTheme(null, true), 'dark');
  assert.equal(initialTheme(undefined, false), 'light');
  assert.equal(initialTheme('purple', true), 'dark');
});

test('otherTheme toggles', () => {
  assert.equal(otherTheme('light'), 'dark');
  assert.equal(otherTheme('dark'), 'light');
});
