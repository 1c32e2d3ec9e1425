import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { isTracingSuppressed as otelIsSuppressed, suppressTracing as otelSuppress } from '@opentelemetry/core';
import { SUPPRESS_TRACING_KEY, isTracingSuppressed, suppressTracing } from './suppress-tracing.js';

test('a fresh context is not suppressed', () => {
  assert.equal(isTracingSuppressed(ROOT_CONTEXT), false);
});

test('suppressTracing is seen by our check and by @opentelemetry/core', () => {
  const ctx = suppressTracing(ROOT_CONTEXT);
  assert.equal(isTracingSuppressed(ctx), true);
  assert.equal(otelIsSuppressed(ctx), true);
  assert.equal(ctx.getValue(SUPPRESS_TRACING_KEY), true);
});

test("OpenTelemetry's suppressTracing is honoured too", () => {
  assert.equal(isTracingSuppressed(otelSuppress(ROOT_CONTEXT)), true);
});

test('only the value true suppresses', () => {
  assert.equal(isTracingSuppressed(ROOT_CONTEXT.setValue(SUPPRESS_TRACING_KEY, 'yes')), false);
});
