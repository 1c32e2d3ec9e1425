import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSpanId, generateTraceId, PooledRandomIdGenerator, randomIdGenerator } from './id-generator.js';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

test('trace ids are 32 and span ids 16 lowercase hex characters', () => {
  for (let i = 0; i < 2000; i++) {
    assert.match(generateTraceId(), TRACE_ID);
    assert.match(generateSpanId(), SPAN_ID);
  }
  assert.match(randomIdGenerator.generateTraceId(), TRACE_ID);
});

test('ids do not repeat, across many hex chunks and random pool refills', () => {
  // 200k span ids = 1.6 MB of randomness: many 4 KiB chunks and several 64 KiB refills.
  const seen = new Set<string>();
  for (let i = 0; i < 200_000; i++) seen.add(generateSpanId());
  assert.equal(seen.size, 200_000);
  const traces = new Set<string>();
  for (let i = 0; i < 50_000; i++) traces.add(generateTraceId());
  assert.equal(traces.size, 50_000);
});

test('ids are the hex of the random bytes, in order, with no byte used twice', () => {
  let counter = 0;
  const generator = new PooledRandomIdGenerator((buffer) => {
    for (let i = 0; i < buffer.length; i++) buffer[i] = counter++ & 0xff;
  });
  assert.equal(generator.generateTraceId(), '000102030405060708090a0b0c0d0e0f');
  assert.equal(generator.generateSpanId(), '1011121314151617');
  assert.equal(generator.generateSpanId(), '18191a1b1c1d1e1f');
});

test('ids stay whole at a chunk boundary (an id never straddles two chunks)', () => {
  let fills = 0;
  const generator = new PooledRandomIdGenerator((buffer) => {
    fills++;
    buffer.fill(0xab);
  });
  // Alternating 8- and 16-byte ids do not divide a 4096-byte chunk evenly, so ids keep reaching a chunk's end.
  for (let i = 0; i < 10_000; i++) {
    assert.equal(generator.generateSpanId(), 'abababababababab');
    assert.equal(generator.generateTraceId(), 'abababababababababababababababab');
  }
  assert.ok(fills >= 3, `the 64 KiB pool was refilled (${fills} fills)`);
});

test('all-zero ids are never returned (they are invalid in W3C trace context)', () => {
  // The first fill is all zeros for a whole pool, then bytes become non-zero.
  let fills = 0;
  const generator = new PooledRandomIdGenerator((buffer) => {
    buffer.fill(fills === 0 ? 0 : 0x11);
    fills++;
  });
  assert.equal(generator.generateTraceId(), '11111111111111111111111111111111');
  assert.equal(generator.generateSpanId(), '1111111111111111');
  assert.equal(fills, 2);
});
