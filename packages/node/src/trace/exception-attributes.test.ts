import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exceptionAttributes } from './exception-attributes.js';

test('an Error gives its name as type, its message and its stack', () => {
  const error = new TypeError('bad thing');
  assert.deepEqual(exceptionAttributes(error), {
    'exception.type': 'TypeError',
    'exception.message': 'bad thing',
    'exception.stacktrace': error.stack,
  });
});

test('a code wins over the name as exception.type (Node system errors)', () => {
  const error = Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
  assert.equal(exceptionAttributes(error)?.['exception.type'], 'ECONNREFUSED');
  assert.equal(exceptionAttributes({ code: 42, message: 'm' })?.['exception.type'], '42');
});

test('a string is the message', () => {
  assert.deepEqual(exceptionAttributes('it broke'), { 'exception.message': 'it broke' });
});

test('plain objects with only a name or only a message are enough', () => {
  assert.deepEqual(exceptionAttributes({ name: 'Custom' }), { 'exception.type': 'Custom' });
  assert.deepEqual(exceptionAttributes({ message: 'only message' }), { 'exception.message': 'only message' });
});

test('nothing usable gives undefined: empty, non-object, throwing getters', () => {
  assert.equal(exceptionAttributes(''), undefined);
  assert.equal(exceptionAttributes({}), undefined);
  assert.equal(exceptionAttributes(null), undefined);
  assert.equal(exceptionAttributes(undefined), undefined);
  assert.equal(exceptionAttributes(42), undefined);
  assert.equal(exceptionAttributes({ stack: 'only a stack' }), undefined);
  const hostile = {
    get message(): string {
      throw new Error('getter throws');
    },
  };
  assert.equal(exceptionAttributes(hostile), undefined);
});
