import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spanLimitsFromEnv } from './span-limits-from-env.js';
import { captureDiag } from './diag-capture.js';

const diagLog = captureDiag();

test('defaults are the spec defaults: 128 everywhere, no value length limit', () => {
  assert.deepEqual(spanLimitsFromEnv({}), {
    attributeCountLimit: 128,
    attributeValueLengthLimit: Infinity,
    eventCountLimit: 128,
    linkCountLimit: 128,
    attributePerEventCountLimit: 128,
    attributePerLinkCountLimit: 128,
  });
});

test('each variable sets its own limit', () => {
  assert.deepEqual(
    spanLimitsFromEnv({
      OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '10',
      OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '20',
      OTEL_SPAN_EVENT_COUNT_LIMIT: '30',
      OTEL_SPAN_LINK_COUNT_LIMIT: '40',
      OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT: '50',
      OTEL_LINK_ATTRIBUTE_COUNT_LIMIT: '0',
    }),
    {
      attributeCountLimit: 10,
      attributeValueLengthLimit: 20,
      eventCountLimit: 30,
      linkCountLimit: 40,
      attributePerEventCountLimit: 50,
      attributePerLinkCountLimit: 0,
    },
  );
});

test('the general attribute limits apply when the span-specific ones are unset, and lose to them', () => {
  const general = spanLimitsFromEnv({ OTEL_ATTRIBUTE_COUNT_LIMIT: '5', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '6' });
  assert.equal(general.attributeCountLimit, 5);
  assert.equal(general.attributeValueLengthLimit, 6);
  const both = spanLimitsFromEnv({ OTEL_ATTRIBUTE_COUNT_LIMIT: '5', OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '9' });
  assert.equal(both.attributeCountLimit, 9);
});

test('a bad value warns and falls back to the next candidate', () => {
  diagLog.clear();
  const limits = spanLimitsFromEnv({ OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: 'many', OTEL_ATTRIBUTE_COUNT_LIMIT: '5', OTEL_SPAN_EVENT_COUNT_LIMIT: '-3' });
  assert.equal(limits.attributeCountLimit, 5);
  assert.equal(limits.eventCountLimit, 128);
  assert.equal(diagLog.warnings.length, 2);
  assert.ok(diagLog.warnings.some((w) => w.includes('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT')));
  assert.ok(diagLog.warnings.some((w) => w.includes('OTEL_SPAN_EVENT_COUNT_LIMIT')));
});
