import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import {
  DEBUG_FLAG_KEY,
  isDebugRequested,
  isSamplingDeferred,
  SAMPLING_DECISION_ONLY_KEY,
  SAMPLING_DEFERRED_KEY,
  samplingDecisionOnly,
  withoutSamplingHints,
} from './sampling-hints.js';

test('the debug key is the one OpenTelemetry B3 uses', () => {
  assert.equal(DEBUG_FLAG_KEY, createContextKey('OpenTelemetry Context Key B3 Debug Flag'));
  for (const value of ['d', '1', true]) assert.equal(isDebugRequested(ROOT_CONTEXT.setValue(DEBUG_FLAG_KEY, value)), true);
  for (const value of [undefined, '0', 'x', 1]) assert.equal(isDebugRequested(ROOT_CONTEXT.setValue(DEBUG_FLAG_KEY, value)), false);
});

test('deferred and decision-only readers', () => {
  assert.equal(isSamplingDeferred(ROOT_CONTEXT.setValue(SAMPLING_DEFERRED_KEY, true)), true);
  assert.equal(isSamplingDeferred(ROOT_CONTEXT), false);
  assert.equal(samplingDecisionOnly(ROOT_CONTEXT.setValue(SAMPLING_DECISION_ONLY_KEY, false)), false);
  assert.equal(samplingDecisionOnly(ROOT_CONTEXT.setValue(SAMPLING_DECISION_ONLY_KEY, 'yes')), undefined);
});

test('withoutSamplingHints removes all hints and keeps other values; no hints, same context', () => {
  const other = createContextKey('other');
  const context = ROOT_CONTEXT.setValue(other, 1)
    .setValue(DEBUG_FLAG_KEY, 'd')
    .setValue(SAMPLING_DEFERRED_KEY, true)
    .setValue(SAMPLING_DECISION_ONLY_KEY, true);
  const cleaned = withoutSamplingHints(context);
  assert.equal(cleaned.getValue(other), 1);
  assert.equal(isDebugRequested(cleaned), false);
  assert.equal(isSamplingDeferred(cleaned), false);
  assert.equal(samplingDecisionOnly(cleaned), undefined);
  const plain = ROOT_CONTEXT.setValue(other, 1);
  assert.equal(withoutSamplingHints(plain), plain);
});
