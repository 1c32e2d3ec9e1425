import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { ParentBasedSampler } from './parent-based-sampler.js';
import { AlwaysOnSampler } from './always-on-sampler.js';
import { AlwaysOffSampler } from './always-off-sampler.js';
import { TraceIdRatioSampler } from './trace-id-ratio-sampler.js';
import { SamplingDecision } from './sampler.js';
import type { Sampler, SamplingResult } from './sampler.js';
import { decide, parentContext } from './sampler-test-support.js';

/** A delegate that says who it is through the attributes of its result. */
function marker(name: string): Sampler {
  const result: SamplingResult = { decision: SamplingDecision.RecordOnly, attributes: { delegate: name } };
  return { shouldSample: () => result, toString: () => name };
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

test('each parent case goes to its own delegate (the spec table)', () => {
  const sampler = new ParentBasedSampler({
    root: marker('root'),
    remoteParentSampled: marker('remoteParentSampled'),
    remoteParentNotSampled: marker('remoteParentNotSampled'),
    localParentSampled: marker('localParentSampled'),
    localParentNotSampled: marker('localParentNotSampled'),
  });
  const rows: [string, ReturnType<typeof parentContext> | undefined][] = [
    ['root', undefined],
    ['remoteParentSampled', parentContext({ sampled: true, remote: true })],
    ['remoteParentNotSampled', parentContext({ sampled: false, remote: true })],
    ['localParentSampled', parentContext({ sampled: true, remote: false })],
    ['localParentNotSampled', parentContext({ sampled: false, remote: false })],
  ];
  for (const [expected, parent] of rows) {
    assert.equal(decide(sampler, TRACE_ID, parent ? { parent } : {}).attributes?.delegate, expected, expected);
  }
});

test('an invalid parent span context counts as no parent', () => {
  const sampler = new ParentBasedSampler({ root: marker('root') });
  const invalid = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: TraceFlags.SAMPLED, isRemote: true });
  assert.equal(decide(sampler, TRACE_ID, { parent: invalid }).attributes?.delegate, 'root');
});

test('default delegates follow the parent: sampled parents sample, unsampled parents drop, either kind', () => {
  for (const root of [new AlwaysOnSampler(), new AlwaysOffSampler()]) {
    const sampler = new ParentBasedSampler({ root });
    for (const remote of [true, false]) {
      assert.equal(decide(sampler, TRACE_ID, { parent: parentContext({ sampled: true, remote }) }).decision, SamplingDecision.RecordAndSample);
      assert.equal(decide(sampler, TRACE_ID, { parent: parentContext({ sampled: false, remote }) }).decision, SamplingDecision.Drop);
    }
  }
  assert.equal(decide(new ParentBasedSampler({ root: new AlwaysOnSampler() }), TRACE_ID).decision, SamplingDecision.RecordAndSample);
  assert.equal(decide(new ParentBasedSampler({ root: new AlwaysOffSampler() }), TRACE_ID).decision, SamplingDecision.Drop);
});

test('parentbased_traceidratio: the ratio decides roots only; children follow their parent', () => {
  const sampler = new ParentBasedSampler({ root: new TraceIdRatioSampler(0) });
  assert.equal(decide(sampler, TRACE_ID).decision, SamplingDecision.Drop);
  assert.equal(decide(sampler, TRACE_ID, { parent: parentContext({ sampled: true, remote: true }) }).decision, SamplingDecision.RecordAndSample);
});

test('description lists every delegate', () => {
  assert.equal(
    new ParentBasedSampler({ root: new TraceIdRatioSampler(0.25) }).toString(),
    'ParentBased{root=TraceIdRatioBased{0.25}, remoteParentSampled=AlwaysOnSampler, remoteParentNotSampled=AlwaysOffSampler, ' +
      'localParentSampled=AlwaysOnSampler, localParentNotSampled=AlwaysOffSampler}',
  );
});

test('shutdown reaches delegates that have one', () => {
  let stopped = 0;
  const stoppable = Object.assign(marker('root'), { shutdown: () => void stopped++ });
  new ParentBasedSampler({ root: stoppable, localParentSampled: stoppable }).shutdown();
  assert.equal(stopped, 2);
});
