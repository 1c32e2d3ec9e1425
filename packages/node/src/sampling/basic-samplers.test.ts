import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlwaysOnSampler } from './always-on-sampler.js';
import { AlwaysOffSampler } from './always-off-sampler.js';
import { SamplingDecision } from './sampler.js';
import { decide, parentContext, randomTraceId } from './sampler-test-support.js';

test('AlwaysOn samples everything, AlwaysOff nothing, whatever the parent says', () => {
  for (const parent of [undefined, parentContext({ sampled: false, remote: true }), parentContext({ sampled: true, remote: false })]) {
    const opts = parent ? { parent } : {};
    assert.equal(decide(new AlwaysOnSampler(), randomTraceId(), opts).decision, SamplingDecision.RecordAndSample);
    assert.equal(decide(new AlwaysOffSampler(), randomTraceId(), opts).decision, SamplingDecision.Drop);
  }
});

test('descriptions are the ones the spec requires', () => {
  assert.equal(new AlwaysOnSampler().toString(), 'AlwaysOnSampler');
  assert.equal(new AlwaysOffSampler().toString(), 'AlwaysOffSampler');
});
