import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeShortString } from './short-string-cache.js';

test('always returns exactly what utf8 decoding gives, across collisions, evictions and invalid UTF-8', () => {
  // A small alphabet makes repeats (cache hits) and slot collisions frequent.
  const bytes = fc.uint8Array({ maxLength: 60 }).chain((b) => fc.constantFrom(b, b.map((x) => x % 3), Uint8Array.of(0xe2, 0x9c, 0x93), Uint8Array.of(0xff, 0x41)));
  fc.assert(
    fc.property(fc.array(bytes, { minLength: 1, maxLength: 50 }), fc.nat(8), (items, pad) => {
      for (const b of items) {
        const buf = Buffer.alloc(b.length + pad + 3, 0x5a);
        buf.set(b, pad);
        assert.equal(decodeShortString(buf, pad, pad + b.length), Buffer.from(b).toString('utf8'));
      }
    }),
    { numRuns: 2000 },
  );
});
