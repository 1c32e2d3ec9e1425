import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberSetting, portSetting, urlSetting } from './env-settings.js';

test('portSetting: default when unset or empty, the number when valid, 0 allowed', () => {
  assert.equal(portSetting({}, 'P', 5001), 5001);
  assert.equal(portSetting({ P: '' }, 'P', 5001), 5001);
  assert.equal(portSetting({ P: '8080' }, 'P', 5001), 8080);
  assert.equal(portSetting({ P: '0' }, 'P', 5001), 0);
});

test('portSetting: a bad value is refused with the variable name', () => {
  for (const bad of ['x', '-1', '65536', '1.5']) assert.throws(() => portSetting({ API01_PORT: bad }, 'API01_PORT', 1), new RegExp(`API01_PORT must be a port number.*"${bad.replace('.', '\\.')}"`));
});

test('numberSetting: bounds are enforced', () => {
  assert.equal(numberSetting({}, 'R', 0.1, 0, 1), 0.1);
  assert.equal(numberSetting({ R: '0.25' }, 'R', 0.1, 0, 1), 0.25);
  assert.equal(numberSetting({ R: '1' }, 'R', 0.1, 0, 1), 1);
  assert.throws(() => numberSetting({ R: '1.5' }, 'R', 0.1, 0, 1), /R must be a number from 0 to 1: got "1\.5"/);
  assert.throws(() => numberSetting({ R: 'NaN' }, 'R', 0.1, 0, 1), /R must be a number/);
});

test('urlSetting: trailing slashes dropped, non-http refused, optional without a default', () => {
  assert.equal(urlSetting({ U: 'http://127.0.0.1:5002/' }, 'U', 'http://x'), 'http://127.0.0.1:5002');
  assert.equal(urlSetting({}, 'U', 'http://127.0.0.1:5003'), 'http://127.0.0.1:5003');
  assert.equal(urlSetting({}, 'U'), undefined);
  assert.throws(() => urlSetting({ U: 'ftp://a' }, 'U'), /U must be an http:\/\/ URL/);
  assert.throws(() => urlSetting({ U: 'not a url' }, 'U'), /U must be an http:\/\/ URL/);
});
