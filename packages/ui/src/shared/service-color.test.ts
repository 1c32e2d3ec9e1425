import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVICE_PALETTE, hashString, serviceColor } from './service-color.js';

test('serviceColor is a palette colour and the same for the same name, every time', () => {
  for (const name of ['frontend', 'checkout', '', 'a/b c', '<img src=x>', '服务']) {
    assert.ok(SERVICE_PALETTE.includes(serviceColor(name)), name);
    assert.equal(serviceColor(name), serviceColor(String(name)));
  }
});

test('serviceColor is pinned: the colours users have learned do not change between releases', () => {
  // FNV-1a reference values (32-bit): "" → 0x811c9dc5, "a" → 0xe40c292c.
  assert.equal(hashString(''), 0x811c9dc5);
  assert.equal(hashString('a'), 0xe40c292c);
  assert.equal(serviceColor('a'), SERVICE_PALETTE[0xe40c292c % SERVICE_PALETTE.length]);
});

test('serviceColor spreads typical service names over the palette', () => {
  const names = Array.from({ length: 200 }, (_, i) => `service-${i}`);
  const used = new Set(names.map(serviceColor));
  // 200 names over 24 colours: a decent hash uses nearly all of them.
  assert.ok(used.size >= SERVICE_PALETTE.length - 2, `only ${used.size} colours used`);
  const counts = new Map<string, number>();
  for (const n of names) counts.set(serviceColor(n), (counts.get(serviceColor(n)) ?? 0) + 1);
  assert.ok(Math.max(...counts.values()) <= 20, 'no colour takes a large share');
});

test('palette colours are distinct hex colours', () => {
  assert.equal(new Set(SERVICE_PALETTE).size, SERVICE_PALETTE.length);
  for (const c of SERVICE_PALETTE) assert.match(c, /^#[0-9a-f]{6}$/);
});
