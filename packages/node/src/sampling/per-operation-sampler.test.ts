import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PerOperationSampler } from './per-operation-sampler.js';
import { GuaranteedThroughputSampler } from './guaranteed-throughput-sampler.js';
import { SamplingDecision } from './sampler.js';
import { decide, randomTraceId } from './sampler-test-support.js';

function manualClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const countSampled = (sampler: PerOperationSampler, name: string, n: number) => {
  let sampled = 0;
  for (let i = 0; i < n; i++) if (decide(sampler, randomTraceId(), { name }).decision === SamplingDecision.RecordAndSample) sampled++;
  return sampled;
};

test('the span name picks the operation; unlisted names get the default probability', () => {
  const sampler = new PerOperationSampler({
    defaultSamplingProbability: 1,
    defaultLowerBoundTracesPerSecond: 0,
    operations: [
      { operation: '/health', samplingRate: 0 },
      { operation: 'GET /checkout', samplingRate: 1 },
    ],
  });
  assert.equal(countSampled(sampler, '/health', 100), 0);
  assert.equal(countSampled(sampler, 'GET /checkout', 100), 100);
  assert.equal(countSampled(sampler, 'anything else', 100), 100);
});

test('the lower bound guarantees traces per second for each operation, even at probability 0', () => {
  const clock = manualClock();
  const sampler = new PerOperationSampler({
    defaultSamplingProbability: 0,
    defaultLowerBoundTracesPerSecond: 2,
    operations: [{ operation: 'listed', samplingRate: 0 }],
    clock: clock.now,
  });
  assert.equal(countSampled(sampler, 'listed', 100), 2, 'the bucket starts full');
  assert.equal(countSampled(sampler, 'rare', 100), 2, 'an unlisted operation has its own bucket');
  assert.equal(countSampled(sampler, 'listed', 100), 0);
  clock.advance(1000);
  assert.equal(countSampled(sampler, 'listed', 100), 2);
  assert.equal(countSampled(sampler, 'rare', 100), 2);
});

test('a probabilistic yes spends lower-bound credit too, so the bound only tops up', () => {
  const clock = manualClock();
  const yes = '0'.repeat(18) + '80000000000000'; // sampled at probability 0.5
  const no = '0'.repeat(18) + '00000000000001'; // not sampled at 0.5
  const sampler = new GuaranteedThroughputSampler(0.5, 1, clock.now);
  assert.equal(decide(sampler, yes).decision, SamplingDecision.RecordAndSample);
  assert.equal(decide(sampler, no).decision, SamplingDecision.Drop, 'the yes spent the only credit');
  clock.advance(1000);
  assert.equal(decide(sampler, no).decision, SamplingDecision.RecordAndSample, 'a second later the bound lets one through');
  assert.equal(decide(sampler, no).decision, SamplingDecision.Drop);
});

test('operations beyond maxOperations share the default sampler instead of growing the map', () => {
  const clock = manualClock();
  const sampler = new PerOperationSampler({ defaultSamplingProbability: 0, defaultLowerBoundTracesPerSecond: 1, operations: [], maxOperations: 2, clock: clock.now });
  assert.equal(countSampled(sampler, 'a', 5), 1);
  assert.equal(countSampled(sampler, 'b', 5), 1);
  assert.equal(countSampled(sampler, 'c', 5), 0, 'no lower bound for the third operation: probability 0 only');
});
