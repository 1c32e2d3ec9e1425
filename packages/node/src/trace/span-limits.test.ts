import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SPAN_LIMITS, resolveSpanLimits } from './span-limits.js';
import { captureDiag } from './test-support/diag-capture.js';

test('defaults follow the OpenTelemetry specification', () => {
  assert.deepEqual({ ...DEFAULT_SPAN_LIMITS }, {
    attributeCountLimit: 128,
    attributeValueLengthLimit: Infinity,
    eventCountLimit: 128,
    linkCountLimit: 128,
    attributePerEventCountLimit: 128,
    attributePerLinkCountLimit: 128,
  });
  assert.ok(Object.isFrozen(DEFAULT_SPAN_LIMITS));
});

test('resolveSpanLimits fills in defaults and keeps valid overrides', () => {
  assert.deepEqual(resolveSpanLimits(undefined), { ...DEFAULT_SPAN_LIMITS });
  const resolved = resolveSpanLimits({ attributeCountLimit: 3, attributeValueLengthLimit: 10, eventCountLimit: 0 });
  assert.equal(resolved.attributeCountLimit, 3);
  assert.equal(resolved.attributeValueLengthLimit, 10);
  assert.equal(resolved.eventCountLimit, 0);
  assert.equal(resolved.linkCountLimit, 128);
  assert.notEqual(resolved, DEFAULT_SPAN_LIMITS);
});

test('resolveSpanLimits replaces invalid values by defaults with a diagnostic, and floors fractions', async () => {
  let resolved = resolveSpanLimits({});
  const messages = await captureDiag(() => {
    resolved = resolveSpanLimits({
      attributeCountLimit: -1,
      eventCountLimit: Number.NaN,
      linkCountLimit: '5' as unknown as number,
      attributePerEventCountLimit: 2.7,
      attributeValueLengthLimit: Infinity,
    });
  });
  assert.equal(resolved.attributeCountLimit, 128);
  assert.equal(resolved.eventCountLimit, 128);
  assert.equal(resolved.linkCountLimit, 128);
  assert.equal(resolved.attributePerEventCountLimit, 2);
  assert.equal(resolved.attributeValueLengthLimit, Infinity);
  assert.equal(messages.filter((m) => m.level === 'warn').length, 3);
});
