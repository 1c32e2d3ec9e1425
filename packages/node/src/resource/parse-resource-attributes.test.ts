import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResourceAttributes } from './parse-resource-attributes.js';
import { captureDiag } from '../config/diag-capture.js';

const diagLog = captureDiag();

test('key=value pairs, trimmed, every value a string', () => {
  assert.deepEqual(parseResourceAttributes('service.name=checkout, deployment.environment = prod ,service.version=1.2'), {
    'service.name': 'checkout',
    'deployment.environment': 'prod',
    'service.version': '1.2',
  });
  assert.deepEqual(parseResourceAttributes(undefined), {});
  assert.deepEqual(parseResourceAttributes(''), {});
});

test('keys and values are percent-decoded; "=" after the first belongs to the value', () => {
  assert.deepEqual(parseResourceAttributes('team%20name=core%2Cplatform,query=a=b,emoji=%E2%9C%93,plus=a+b'), {
    'team name': 'core,platform',
    query: 'a=b',
    emoji: '✓',
    plus: 'a+b',
  });
});

test('bad entries are skipped with a warning; the others are kept', () => {
  diagLog.clear();
  assert.deepEqual(parseResourceAttributes('a=1,novalue,=x,b=%E2%9C,c=3,,'), { a: '1', c: '3' });
  assert.equal(diagLog.warnings.length, 3);
  assert.match(diagLog.warnings[0]!, /"novalue", which has no "="/);
  assert.match(diagLog.warnings[1]!, /empty key/);
  assert.match(diagLog.warnings[2]!, /percent-encoding/);
});

test('an empty value is a value; a later duplicate wins', () => {
  assert.deepEqual(parseResourceAttributes('a=,b=1,b=2'), { a: '', b: '2' });
});
