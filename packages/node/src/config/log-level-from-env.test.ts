import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagLogLevel } from '@opentelemetry/api';
import { logLevelFromEnv } from './log-level-from-env.js';
import { propagatorNamesFromEnv } from './propagator-names-from-env.js';
import { sdkDisabledFromEnv } from './sdk-disabled-from-env.js';

test('OTEL_LOG_LEVEL: the spec names in any case; unknown values are returned for reporting', () => {
  assert.deepEqual(logLevelFromEnv({}), { level: undefined, invalid: undefined });
  assert.equal(logLevelFromEnv({ OTEL_LOG_LEVEL: 'DEBUG' }).level, DiagLogLevel.DEBUG);
  assert.equal(logLevelFromEnv({ OTEL_LOG_LEVEL: 'none' }).level, DiagLogLevel.NONE);
  assert.equal(logLevelFromEnv({ OTEL_LOG_LEVEL: 'all' }).level, DiagLogLevel.ALL);
  assert.deepEqual(logLevelFromEnv({ OTEL_LOG_LEVEL: 'loud' }), { level: undefined, invalid: 'loud' });
});

test('OTEL_PROPAGATORS defaults to tracecontext,baggage', () => {
  assert.deepEqual(propagatorNamesFromEnv({}), ['tracecontext', 'baggage']);
  assert.deepEqual(propagatorNamesFromEnv({ OTEL_PROPAGATORS: 'B3Multi,jaeger' }), ['b3multi', 'jaeger']);
  assert.deepEqual(propagatorNamesFromEnv({ OTEL_PROPAGATORS: 'none' }), ['none']);
});

test('OTEL_SDK_DISABLED is a spec boolean', () => {
  assert.equal(sdkDisabledFromEnv({}), false);
  assert.equal(sdkDisabledFromEnv({ OTEL_SDK_DISABLED: 'True' }), true);
  assert.equal(sdkDisabledFromEnv({ OTEL_SDK_DISABLED: 'false' }), false);
});
