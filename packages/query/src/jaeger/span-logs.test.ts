import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, bool, str, type SpanEvent } from '@skein/model';
import { jaegerLogs } from './span-logs.js';

const event = (name: string, attributes: SpanEvent['attributes'], timeUnixNano = 1_700_000_000_123_456_789n): SpanEvent => ({
  timeUnixNano,
  name,
  attributes,
  droppedAttributesCount: 0,
});

describe('jaegerLogs', () => {
  it('puts the event name first as an `event` field, then the attributes, time in µs', () => {
    assert.deepEqual(jaegerLogs([event('exception', [attr('exception.type', str('Error')), attr('handled', bool(false))])]), [
      {
        timestamp: 1_700_000_000_123_456,
        fields: [
          { key: 'event', type: 'string', value: 'exception' },
          { key: 'exception.type', type: 'string', value: 'Error' },
          { key: 'handled', type: 'bool', value: false },
        ],
      },
    ]);
  });

  it('lets an `event` attribute take precedence over the name and skips empty names', () => {
    assert.deepEqual(jaegerLogs([event('name', [attr('event', str('from-attr'))]), event('', [])]), [
      { timestamp: 1_700_000_000_123_456, fields: [{ key: 'event', type: 'string', value: 'from-attr' }] },
      { timestamp: 1_700_000_000_123_456, fields: [] },
    ]);
  });
});
