import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TraceIdRatioSampler } from './trace-id-ratio-sampler.js';
import { SamplingDecision } from './sampler.js';
import { decide, parentContext, randomTraceId } from './sampler-test-support.js';

const sampled = (ratio: number, traceId: string, parent?: ReturnType<typeof parentContext>) =>
  decide(new TraceIdRatioSampler(ratio), traceId, parent ? { parent } : {}).decision === SamplingDecision.RecordAndSample;

test('the same trace id always gets the same decision', () => {
  const sampler = new TraceIdRatioSampler(0.5);
  for (let i = 0; i < 200; i++) {
    const id = randomTraceId();
    const first = decide(sampler, id).decision;
    assert.equal(decide(sampler, id).decision, first);
    assert.equal(decide(new TraceIdRatioSampler(0.5), id).decision, first);
  }
});

test('ratio 0 samples nothing, ratio 1 everything', () => {
  for (let i = 0; i < 200; i++) {
    const id = randomTraceId();
    assert.equal(sampled(0, id), false);
    assert.equal(sampled(1, id), true);
  }
  assert.equal(sampled(1, 'ffffffffffffffffffffffffffffffff'), true);
  assert.equal(sampled(0, 'ffffffffffffffffffffffffffffffff'), false);
  // At 2^-56 exactly one randomness value of 2^56 passes: the largest.
  assert.equal(sampled(2 ** -56, '0'.repeat(18) + 'ffffffffffffff'), true);
  assert.equal(sampled(2 ** -56, 'f'.repeat(18) + 'fffffffffffffe'), false);
  // Just below 1, only the smallest values fail.
  assert.equal(sampled(1 - 2 ** -53, '0'.repeat(18) + '00000000000007'), false);
  assert.equal(sampled(1 - 2 ** -53, '0'.repeat(18) + '00000000000008'), true);
  // Below 2^-57 the threshold rounds to 2^56: nothing reaches it.
  assert.equal(sampled(5e-324, '0000000000000000001000000000000f'), false);
  assert.equal(sampled(5e-324, 'ffffffffffffffffffffffffffffffff'), false);
});

test('the proportion sampled is near the ratio', () => {
  for (const ratio of [0.1, 0.5, 0.9]) {
    const sampler = new TraceIdRatioSampler(ratio);
    let n = 0;
    const total = 20_000;
    for (let i = 0; i < total; i++) if (decide(sampler, randomTraceId()).decision === SamplingDecision.RecordAndSample) n++;
    // Wide tolerance: 20 000 draws put 5 standard deviations below 0.018.
    assert.ok(Math.abs(n / total - ratio) < 0.03, `ratio ${ratio}: sampled ${n / total}`);
  }
});

test('consistent: a trace sampled at one ratio is sampled at every higher ratio', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (bytes, a, b) => {
      const id = Buffer.from(bytes).toString('hex');
      const [low, high] = a <= b ? [a, b] : [b, a];
      if (sampled(low, id)) assert.ok(sampled(high, id));
    }),
  );
});

test('agrees with an exact BigInt reference of R >= 2^56 - round(ratio * 2^56)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.double({ min: 0, max: 1, noNaN: true }), (bytes, ratio) => {
      const id = Buffer.from(bytes).toString('hex');
      const k = BigInt(Math.round(ratio * 2 ** 56));
      const expected = k > 0n && BigInt('0x' + id.slice(18)) >= (1n << 56n) - k;
      assert.equal(sampled(ratio, id), expected);
    }),
    { numRuns: 2000 },
  );
});

test('decides on the last 56 bits: R >= 2^56 - ratio * 2^56 is sampled', () => {
  // At 0.5 the threshold is 2^55 = 0x80000000000000.
  assert.equal(sampled(0.5, '000000000000000000' + '80000000000000'), true);
  assert.equal(sampled(0.5, '000000000000000000' + '7fffffffffffff'), false);
  // The first nine bytes play no part.
  assert.equal(sampled(0.5, 'ffffffffffffffffff' + '7fffffffffffff'), false);
  assert.equal(sampled(0.5, 'abcdef012345678900' + '80000000000001'), true);
  // At 0.25 the threshold is 0.75 * 2^56 = 0xc0000000000000.
  assert.equal(sampled(0.25, '0123456789abcdef01' + 'c0000000000000'), true);
  assert.equal(sampled(0.25, '0123456789abcdef01' + 'bfffffffffffff'), false);
  assert.equal(sampled(0.25, '0123456789ABCDEF01' + 'C0000000000000'), true, 'upper-case hex');
});

test('an explicit randomness value (ot=rv:...) in the parent trace state wins over the trace id', () => {
  const lowId = '0'.repeat(32);
  const parent = parentContext({ sampled: false, remote: true, traceId: lowId, traceState: 'ot=th:8;rv:ffffffffffffff,vendor=x' });
  assert.equal(sampled(0.5, lowId, parent), true);
  const lowRv = parentContext({ sampled: true, remote: true, traceId: 'f'.repeat(32), traceState: 'ot=rv:00000000000000' });
  assert.equal(sampled(0.5, 'f'.repeat(32), lowRv), false);
  // Threshold and rv equal: R >= T holds.
  const equal = parentContext({ sampled: true, remote: true, traceId: lowId, traceState: 'ot=rv:80000000000000;th:8' });
  assert.equal(sampled(0.5, lowId, equal), true);
  // A malformed rv is ignored.
  const bad = parentContext({ sampled: true, remote: true, traceId: 'f'.repeat(32), traceState: 'ot=rv:xyz' });
  assert.equal(sampled(0.5, 'f'.repeat(32), bad), true);
});

test('bad input never throws: ids of the wrong length drop, bad ratios are clamped', () => {
  assert.equal(sampled(1, 'not a trace id'), false);
  assert.equal(sampled(1, ''), false);
  const odd = 'zz' + '0'.repeat(28) + 'zz';
  assert.equal(sampled(0.5, odd), sampled(0.5, odd), 'non-hex characters give a fixed answer');
  assert.equal(new TraceIdRatioSampler(7).ratio, 1);
  assert.equal(new TraceIdRatioSampler(-1).ratio, 0);
  assert.equal(new TraceIdRatioSampler(NaN).ratio, 0);
});

test('description is TraceIdRatioBased{RATIO}', () => {
  assert.equal(new TraceIdRatioSampler(0.0001).toString(), 'TraceIdRatioBased{0.0001}');
});
