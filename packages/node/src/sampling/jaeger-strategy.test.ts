import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJaegerStrategy } from './jaeger-strategy.js';

const ok = (body: unknown) => {
  const parsed = parseJaegerStrategy(body);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.strategy;
};

test('probabilistic, with strategyType as a name (Jaeger /api/sampling and /sampling) or a number (legacy /)', () => {
  assert.deepEqual(ok({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.25 } }), { type: 'probabilistic', samplingRate: 0.25 });
  assert.deepEqual(ok({ strategyType: 0, probabilisticSampling: { samplingRate: 0.25 } }), { type: 'probabilistic', samplingRate: 0.25 });
});

test('rate limiting, by name or number', () => {
  assert.deepEqual(ok({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 5 } }), { type: 'ratelimiting', maxTracesPerSecond: 5 });
  assert.deepEqual(ok({ strategyType: 1, rateLimitingSampling: { maxTracesPerSecond: 5 } }), { type: 'ratelimiting', maxTracesPerSecond: 5 });
});

test('proto3 JSON with defaults left out: no strategyType is PROBABILISTIC, no samplingRate is 0', () => {
  assert.deepEqual(ok({ probabilisticSampling: { samplingRate: 0.5 } }), { type: 'probabilistic', samplingRate: 0.5 });
  assert.deepEqual(ok({ probabilisticSampling: {} }), { type: 'probabilistic', samplingRate: 0 });
  assert.deepEqual(ok({ strategyType: 'RATE_LIMITING', rateLimitingSampling: {} }), { type: 'ratelimiting', maxTracesPerSecond: 0 });
});

test('snake_case field names and numbers written as strings are accepted', () => {
  assert.deepEqual(ok({ strategy_type: 'PROBABILISTIC', probabilistic_sampling: { sampling_rate: '0.125' } }), { type: 'probabilistic', samplingRate: 0.125 });
  assert.deepEqual(ok({ strategy_type: 'RATE_LIMITING', rate_limiting_sampling: { max_traces_per_second: 3 } }), { type: 'ratelimiting', maxTracesPerSecond: 3 });
});

test("per-operation sampling wins when operations are listed (what Jaeger and Skein serve for 'foo')", () => {
  const body = {
    strategyType: 'PROBABILISTIC',
    probabilisticSampling: { samplingRate: 0.8 },
    operationSampling: {
      defaultSamplingProbability: 0.8,
      defaultLowerBoundTracesPerSecond: 0,
      perOperationStrategies: [
        { operation: 'op1', probabilisticSampling: { samplingRate: 0.2 } },
        { operation: '/health', probabilisticSampling: { samplingRate: 0 } },
      ],
      defaultUpperBoundTracesPerSecond: 0,
    },
  };
  assert.deepEqual(ok(body), {
    type: 'perOperation',
    defaultSamplingProbability: 0.8,
    defaultLowerBoundTracesPerSecond: 0,
    operations: [
      { operation: 'op1', samplingRate: 0.2 },
      { operation: '/health', samplingRate: 0 },
    ],
  });
  const snake = ok({
    operation_sampling: {
      default_sampling_probability: 0.1,
      default_lower_bound_traces_per_second: 0.5,
      per_operation_strategies: [{ operation: 'x', probabilistic_sampling: {} }],
    },
  });
  assert.deepEqual(snake, { type: 'perOperation', defaultSamplingProbability: 0.1, defaultLowerBoundTracesPerSecond: 0.5, operations: [{ operation: 'x', samplingRate: 0 }] });
});

test('operationSampling without operations falls back to strategyType', () => {
  const body = { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 2 }, operationSampling: { defaultSamplingProbability: 0.5, perOperationStrategies: [] } };
  assert.deepEqual(ok(body), { type: 'ratelimiting', maxTracesPerSecond: 2 });
});

test('malformed responses are refused with a reason, never thrown', () => {
  for (const body of [
    null,
    'PROBABILISTIC',
    [],
    { strategyType: 'ADAPTIVE' },
    { strategyType: 7 },
    { probabilisticSampling: { samplingRate: 1.5 } },
    { probabilisticSampling: { samplingRate: 'NaN' } },
    { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: -1 } },
    { operationSampling: { defaultSamplingProbability: 2, perOperationStrategies: [{ operation: 'a' }] } },
    { operationSampling: { defaultSamplingProbability: 0.1, perOperationStrategies: [{ probabilisticSampling: { samplingRate: 0.1 } }] } },
  ]) {
    const parsed = parseJaegerStrategy(body);
    assert.equal(parsed.ok, false, JSON.stringify(body));
    assert.ok(!parsed.ok && parsed.error.length > 0);
  }
});
