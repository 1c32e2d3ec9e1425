import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { SimulatedFailure, markFailed, shouldFail } from './failure-injection.js';

test('shouldFail: a forced value wins over the rate', () => {
  assert.equal(shouldFail('1', 0, () => 0.99), true);
  assert.equal(shouldFail('true', 0, () => 0.99), true);
  assert.equal(shouldFail('0', 1, () => 0), false);
  assert.equal(shouldFail('false', 1, () => 0), false);
});

test('shouldFail: otherwise the rate decides', () => {
  assert.equal(shouldFail(undefined, 0.1, () => 0.05), true);
  assert.equal(shouldFail(undefined, 0.1, () => 0.1), false);
  assert.equal(shouldFail(['1', '0'], 0, () => 0.5), false, 'a repeated query parameter is not a forced value');
  assert.equal(shouldFail(undefined, 0, () => 0), false, 'rate 0 never fails');
  assert.equal(shouldFail(undefined, 1, () => 0.999), true, 'rate 1 always fails');
});

test('markFailed: exception event and ERROR status with the message', () => {
  const calls: unknown[][] = [];
  const span = { recordException: (...a: unknown[]) => calls.push(['exception', ...a]), setStatus: (...a: unknown[]) => calls.push(['status', ...a]) } as unknown as Span;
  const err = new SimulatedFailure('ranking failed');
  markFailed(span, err);
  assert.deepEqual(calls, [['exception', err], ['status', { code: SpanStatusCode.ERROR, message: 'ranking failed (simulated failure: see DEMO_ERROR_RATE)' }]]);
  calls.length = 0;
  markFailed(span, 'plain string');
  assert.equal((calls[1]![1] as { message: string }).message, 'plain string');
});
