import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { logFieldsToEvent } from './log-fields.js';

describe('logFieldsToEvent', () => {
  it('names the event by its `event` field and keeps the rest as attributes', () => {
    assert.deepEqual(logFieldsToEvent({ event: 'cache miss', key: 'user:7', size: 3 }), { name: 'cache miss', attributes: { key: 'user:7', size: 3 } });
  });

  it('falls back to "log" without an event field', () => {
    assert.deepEqual(logFieldsToEvent({ message: 'retrying', attempt: 2 }), { name: 'log', attributes: { message: 'retrying', attempt: 2 } });
    assert.deepEqual(logFieldsToEvent({ event: null }), { name: 'log', attributes: {} });
  });

  it('maps event=error with an error.object to the exception conventions', () => {
    const error = new RangeError('too big');
    const event = logFieldsToEvent({ event: 'error', 'error.object': error, 'request.id': 'r1' });
    assert.equal(event.name, 'exception');
    assert.equal(event.attributes['exception.type'], 'RangeError');
    assert.equal(event.attributes['exception.message'], 'too big');
    assert.equal(event.attributes['exception.stacktrace'], error.stack);
    assert.equal(event.attributes['request.id'], 'r1');
    assert.equal('error.object' in event.attributes, false);
  });

  it('maps error.kind, message and stack when there is no Error object', () => {
    assert.deepEqual(logFieldsToEvent({ event: 'error', 'error.kind': 'Timeout', message: 'upstream slow', stack: 'at x', retry: true }), {
      name: 'exception',
      attributes: { 'exception.type': 'Timeout', 'exception.message': 'upstream slow', 'exception.stacktrace': 'at x', retry: true },
    });
  });
});
