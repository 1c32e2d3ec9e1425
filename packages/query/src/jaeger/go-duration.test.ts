import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoDuration } from './go-duration.js';

const nanos = (text: string): bigint => {
  const r = parseGoDuration(text);
  if (!r.ok) throw new Error(r.message);
  return r.nanos;
};

describe('parseGoDuration', () => {
  it('parses every unit, fractions and compounds', () => {
    assert.equal(nanos('1.5s'), 1_500_000_000n);
    assert.equal(nanos('100ms'), 100_000_000n);
    assert.equal(nanos('1h2m'), 3_720_000_000_000n);
    assert.equal(nanos('500us'), 500_000n);
    assert.equal(nanos('500µs'), 500_000n);
    assert.equal(nanos('500μs'), 500_000n);
    assert.equal(nanos('7ns'), 7n);
    assert.equal(nanos('.5m'), 30_000_000_000n);
    assert.equal(nanos('2.h'), 7_200_000_000_000n);
    assert.equal(nanos('1.0000000001s'), 1_000_000_000n);
    assert.equal(nanos('0'), 0n);
    assert.equal(nanos('-1.5s'), -1_500_000_000n);
    assert.equal(nanos('+3ms'), 3_000_000n);
  });

  it("rejects what Go rejects, with Go's messages", () => {
    assert.deepEqual(parseGoDuration('2d'), { ok: false, message: 'time: unknown unit "d" in duration "2d"' });
    assert.deepEqual(parseGoDuration('100'), { ok: false, message: 'time: missing unit in duration "100"' });
    assert.deepEqual(parseGoDuration(''), { ok: false, message: 'time: invalid duration ""' });
    assert.deepEqual(parseGoDuration('ms'), { ok: false, message: 'time: invalid duration "ms"' });
    assert.deepEqual(parseGoDuration('.s'), { ok: false, message: 'time: invalid duration ".s"' });
    assert.deepEqual(parseGoDuration('1 s'), { ok: false, message: 'time: unknown unit " s" in duration "1 s"' });
    assert.deepEqual(parseGoDuration('3000000h'), { ok: false, message: 'time: invalid duration "3000000h"' });
  });

  it('accepts the largest and smallest int64 durations', () => {
    assert.equal(nanos('9223372036854775807ns'), 9223372036854775807n);
    assert.equal(nanos('-9223372036854775808ns'), -9223372036854775808n);
    assert.equal(parseGoDuration('9223372036854775808ns').ok, false);
  });
});
