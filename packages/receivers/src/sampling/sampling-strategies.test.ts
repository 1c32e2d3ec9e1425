import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JAEGER_DEFAULT_STRATEGIES, parseStrategiesFile, strategyFor, StrategiesFileProblem } from './sampling-strategies.js';
import { strategyResponseJson } from './strategy-json.js';
import { JAEGER_DOCS_EXAMPLE } from './sampling-test-data.js';

const served = (file: string, service: string) => strategyResponseJson(strategyFor(parseStrategiesFile(file).strategies, service), 'names');

test("Jaeger's documented example gives what Jaeger serves, byte for byte", () => {
  // The body a Jaeger collector returned for "foo" with this file: its own operations first,
  // then the default strategy's, and every operationSampling field present.
  assert.equal(
    served(JAEGER_DOCS_EXAMPLE, 'foo'),
    '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.8},"operationSampling":{"defaultSamplingProbability":0.8,"defaultLowerBoundTracesPerSecond":0,' +
      '"perOperationStrategies":[{"operation":"op1","probabilisticSampling":{"samplingRate":0.2}},{"operation":"op2","probabilisticSampling":{"samplingRate":0.4}},' +
      '{"operation":"/health","probabilisticSampling":{"samplingRate":0}},{"operation":"/metrics","probabilisticSampling":{"samplingRate":0}}],"defaultUpperBoundTracesPerSecond":0}}',
  );
});

test('a rate-limiting service without operations of its own keeps its rate limit alone, as Jaeger serves it', () => {
  // Jaeger's static store merges the default operations only into probabilistic services: in
  // the clients per-operation sampling would replace the rate limiter.
  assert.deepEqual(JSON.parse(served(JAEGER_DOCS_EXAMPLE, 'bar')), { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 5 } });
});

test("a probabilistic service without operations gets the default operations with its own rate as their default", () => {
  const file = JSON.stringify({
    service_strategies: [{ service: 'api', type: 'probabilistic', param: 0.25 }],
    default_strategy: { type: 'probabilistic', param: 0.5, operation_strategies: [{ operation: '/health', type: 'probabilistic', param: 0 }] },
  });
  const r = JSON.parse(served(file, 'api'));
  assert.equal(r.probabilisticSampling.samplingRate, 0.25);
  assert.equal(r.operationSampling.defaultSamplingProbability, 0.25);
  assert.deepEqual(r.operationSampling.perOperationStrategies, [{ operation: '/health', probabilisticSampling: { samplingRate: 0 } }]);
});

test("a service's own operation wins over the default's of the same name", () => {
  const file = JSON.stringify({
    service_strategies: [{ service: 'api', type: 'probabilistic', param: 1, operation_strategies: [{ operation: '/health', type: 'probabilistic', param: 1 }] }],
    default_strategy: { type: 'probabilistic', param: 0.5, operation_strategies: [{ operation: '/health', type: 'probabilistic', param: 0 }] },
  });
  assert.deepEqual(JSON.parse(served(file, 'api')).operationSampling.perOperationStrategies, [{ operation: '/health', probabilisticSampling: { samplingRate: 1 } }]);
});

test('a service without a strategy of its own gets the default strategy, operations included', () => {
  assert.deepEqual(JSON.parse(served(JAEGER_DOCS_EXAMPLE, 'someone-else')), {
    strategyType: 'PROBABILISTIC',
    probabilisticSampling: { samplingRate: 0.5 },
    operationSampling: {
      defaultSamplingProbability: 0.5,
      defaultLowerBoundTracesPerSecond: 0,
      perOperationStrategies: [
        { operation: '/health', probabilisticSampling: { samplingRate: 0 } },
        { operation: '/metrics', probabilisticSampling: { samplingRate: 0 } },
      ],
      defaultUpperBoundTracesPerSecond: 0,
    },
  });
});

test("without a default_strategy (or without a file) the default is Jaeger's probabilistic 0.001", () => {
  const file = JSON.stringify({ service_strategies: [{ service: 'api', type: 'ratelimiting', param: 2.9 }] });
  assert.equal(served(file, 'other'), '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}}');
  assert.equal(served(file, 'api'), '{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":2}}', 'an int32, truncated as Jaeger does');
  assert.equal(strategyResponseJson(strategyFor(JAEGER_DEFAULT_STRATEGIES, 'x'), 'names'), '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}}');
  assert.equal(served('{}', 'x'), '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}}');
});

test("the legacy encoding writes strategy types as Thrift 0.9.2 numbers", () => {
  const { strategies } = parseStrategiesFile(JAEGER_DOCS_EXAMPLE);
  assert.equal(JSON.parse(strategyResponseJson(strategyFor(strategies, 'foo'), 'numbers')).strategyType, 0);
  assert.equal(JSON.parse(strategyResponseJson(strategyFor(strategies, 'bar'), 'numbers')).strategyType, 1);
});

test('a rate-limiting operation strategy is skipped with a warning, as Jaeger does', () => {
  const withOperations = { service: 'api', type: 'ratelimiting', param: 3, operation_strategies: [{ operation: 'a', type: 'ratelimiting', param: 1 }, { operation: 'b', type: 'probabilistic', param: 0.3 }] };
  const parsed = parseStrategiesFile(JSON.stringify({ service_strategies: [withOperations] }));
  assert.equal(parsed.warnings.length, 1);
  assert.match(parsed.warnings[0]!, /operation "a" is rate-limiting/);
  assert.deepEqual(strategyFor(parsed.strategies, 'api').operationSampling, {
    defaultSamplingProbability: 0.001,
    defaultLowerBoundTracesPerSecond: 0,
    perOperationStrategies: [{ operation: 'b', probabilisticSampling: { samplingRate: 0.3 } }],
    defaultUpperBoundTracesPerSecond: 0,
  });
});

test('a service listed twice: the last entry is used, with a warning', () => {
  const parsed = parseStrategiesFile(JSON.stringify({ service_strategies: [{ service: 'api', type: 'ratelimiting', param: 3 }, { service: 'api', type: 'probabilistic', param: 0.1 }] }));
  assert.match(parsed.warnings.join('\n'), /listed more than once; the last entry is used/);
  assert.deepEqual(strategyFor(parsed.strategies, 'api'), { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.1 } });
});

test('an unusable file is refused with a message saying where and what', () => {
  const cases: Array<[string, RegExp]> = [
    ['{"service_strategies": [', /not valid JSON/],
    ['[]', /expected a JSON object/],
    ['{"service_strategies": {}}', /service_strategies: expected an array/],
    ['{"service_strategies": [{"type": "probabilistic", "param": 1}]}', /service_strategies\[0\]\.service: expected a service name/],
    ['{"service_strategies": [{"service": "a", "type": "probablistic", "param": 1}]}', /service_strategies\[0\] \("a"\)\.type: expected "probabilistic" or "ratelimiting", got "probablistic"/],
    ['{"service_strategies": [{"service": "a", "type": "probabilistic"}]}', /\("a"\)\.param: expected a number, got nothing/],
    ['{"service_strategies": [{"service": "a", "type": "probabilistic", "param": "0.5"}]}', /\("a"\)\.param: expected a number, got "0.5"/],
    ['{"service_strategies": [{"service": "a", "type": "probabilistic", "param": 1.5}]}', /between 0 and 1, got 1.5/],
    ['{"service_strategies": [{"service": "a", "type": "ratelimiting", "param": -1}]}', /cannot be negative/],
    ['{"default_strategy": {"type": "probabilistic", "param": 0.1, "operation_strategies": [{"operation": "x", "type": "probabilistic", "param": 2}]}}', /default_strategy\.operation_strategies\[0\] \("x"\)\.param: .*between 0 and 1/],
    ['{"default_strategy": {"type": "probabilistic", "param": 0.1, "operation_strategies": [{"type": "probabilistic", "param": 0}]}}', /operation_strategies\[0\]\.operation: expected an operation name/],
  ];
  for (const [text, message] of cases) assert.throws(() => parseStrategiesFile(text), (e: unknown) => e instanceof StrategiesFileProblem && message.test(e.message), text);
});
