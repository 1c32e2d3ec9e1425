import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimitingSampler } from './rate-limiting-sampler.js';
import { TokenBucket } from './token-bucket.js';
import { SamplingDecision } from './sampler.js';
import { decide, randomTraceId } from './sampler-test-support.js';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 1000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const countSampled = (sampler: RateLimitingSampler, n: number) => {
  let sampled = 0;
  for (let i = 0; i < n; i++) if (decide(sampler, randomTraceId()).decision === SamplingDecision.RecordAndSample) sampled++;
  return sampled;
};

test('starts with a full bucket of max(rate, 1) and then grants rate per second', () => {
  const clock = manualClock();
  const sampler = new RateLimitingSampler(10, clock.now);
  assert.equal(countSampled(sampler, 50), 10, 'the initial burst is the bucket size');
  assert.equal(countSampled(sampler, 50), 0, 'no time, no credit');
  clock.advance(500);
  assert.equal(countSampled(sampler, 50), 5, 'half a second earns half the rate');
  clock.advance(60_000);
  assert.equal(countSampled(sampler, 50), 10, 'credit never exceeds the bucket size');
});

test('a rate below one trace per second still lets one through once the credit adds up', () => {
  const clock = manualClock();
  const sampler = new RateLimitingSampler(0.5, clock.now);
  assert.equal(countSampled(sampler, 5), 1);
  clock.advance(1000);
  assert.equal(countSampled(sampler, 5), 0);
  clock.advance(1000);
  assert.equal(countSampled(sampler, 5), 1);
});

test('rate 0 (or a bad rate) samples nothing', () => {
  for (const rate of [0, -3, NaN, Infinity]) {
    assert.equal(countSampled(new RateLimitingSampler(rate, manualClock().now), 5), 0, String(rate));
  }
});

test('sampled spans say how they were sampled, as Jaeger clients do', () => {
  const result = decide(new RateLimitingSampler(2, manualClock().now), randomTraceId());
  assert.equal(result.decision, SamplingDecision.RecordAndSample);
  assert.deepEqual(result.attributes, { 'sampler.type': 'ratelimiting', 'sampler.param': 2 });
  assert.equal(new RateLimitingSampler(2).toString(), 'RateLimitingSampler{2}');
});

test('a clock that goes backwards earns no credit', () => {
  const clock = manualClock();
  const bucket = new TokenBucket(1, 1, clock.now);
  assert.equal(bucket.tryTake(), true);
  clock.advance(-5000);
  assert.equal(bucket.tryTake(), false);
  clock.advance(1000);
  assert.equal(bucket.tryTake(), true);
});
