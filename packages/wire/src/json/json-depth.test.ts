import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonNestsDeeperThan } from './json-depth.js';

/** Reference: the depth JSON.parse sees, by walking the parsed value (small inputs only). */
function parsedDepth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(parsedDepth));
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(parsedDepth));
  return 0;
}

test('agrees with the real nesting depth of arbitrary JSON, strings with brackets and escapes included', () => {
  const withTrickyStrings = fc.jsonValue({ maxDepth: 6 }).map((v) => [v, '[[{"\\"[', { 'k]}\\\\': '\\\\"{' }]);
  fc.assert(
    fc.property(withTrickyStrings, fc.nat(8), (v, max) => {
      const text = JSON.stringify(v);
      assert.equal(jsonNestsDeeperThan(text, max), parsedDepth(JSON.parse(text)) > max, text);
    }),
    { numRuns: 1000 },
  );
});

test('scans 100k levels without recursion and stops early', () => {
  assert.equal(jsonNestsDeeperThan('['.repeat(100_000), 256), true);
  assert.equal(jsonNestsDeeperThan('"' + '['.repeat(100_000) + '"', 256), false);
  assert.equal(jsonNestsDeeperThan('"unterminated [[[[', 2), false);
});
