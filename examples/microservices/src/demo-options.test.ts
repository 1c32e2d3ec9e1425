import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PORTS, parseDemoArgs } from './demo-options.js';

test('defaults: 2 requests/s until stopped, api-03 2 s, 10 % errors, temporary data dir, standard ports, Python on', () => {
  assert.deepEqual(parseDemoArgs([]), { rate: 2, requests: undefined, api03DelayMs: 2000, errorRate: 0.1, dataDir: undefined, ports: DEFAULT_PORTS, python: true, verbose: false });
});

test('flags set every option; flags win over DEMO_* variables, which win over defaults', () => {
  const o = parseDemoArgs(['--rate', '0.5', '--requests', '3', '--api03-delay-ms', '50', '--error-rate', '0', '--data-dir', '/tmp/d', '--no-python', '--verbose', '--query-port', '0', '--api03-port', '7003'], { DEMO_ERROR_RATE: '0.7' });
  assert.ok(o !== 'help');
  assert.equal(o.rate, 0.5);
  assert.equal(o.requests, 3);
  assert.equal(o.api03DelayMs, 50);
  assert.equal(o.errorRate, 0);
  assert.equal(o.dataDir, '/tmp/d');
  assert.equal(o.python, false);
  assert.equal(o.verbose, true);
  assert.equal(o.ports.query, 0);
  assert.equal(o.ports.api03, 7003);
  const fromEnv = parseDemoArgs([], { DEMO_ERROR_RATE: '0.7', DEMO_API03_DELAY_MS: '10' });
  assert.ok(fromEnv !== 'help');
  assert.equal(fromEnv.errorRate, 0.7);
  assert.equal(fromEnv.api03DelayMs, 10);
});

test('--skein-port-offset moves every default port; an explicit port still wins', () => {
  const o = parseDemoArgs(['--skein-port-offset', '1000', '--zipkin-port', '9999']);
  assert.ok(o !== 'help');
  assert.deepEqual(o.ports, { query: 17686, otlpHttp: 5318, zipkin: 9999, api01: 6001, api02: 6002, api03: 6003, api04: 6004, api05: 6005 });
});

test('bad input is refused with the flag named', () => {
  assert.throws(() => parseDemoArgs(['--rate', '0']), /--rate must be a number from 0.01 to 1000: got "0"/);
  assert.throws(() => parseDemoArgs(['--requests', '2.5']), /--requests must be a whole number/);
  assert.throws(() => parseDemoArgs(['--error-rate', '2']), /--error-rate must be a number from 0 to 1/);
  assert.throws(() => parseDemoArgs(['--api01-port', '70000']), /--api01-port must be a whole number from 0 to 65535/);
  assert.throws(() => parseDemoArgs(['--api01-port', '5002']), /two demo ports are both 5002/);
  assert.throws(() => parseDemoArgs(['--bogus']), /Unknown option '--bogus'/);
  assert.throws(() => parseDemoArgs(['extra']), /unexpected argument "extra"/);
  assert.throws(() => parseDemoArgs([], { DEMO_ERROR_RATE: 'lots' }), /DEMO_ERROR_RATE must be a number/);
  assert.equal(parseDemoArgs(['-h']), 'help');
});

test('several ports may be 0 (each gets its own free port)', () => {
  const o = parseDemoArgs(['--query-port', '0', '--otlp-http-port', '0', '--zipkin-port', '0']);
  assert.ok(o !== 'help');
  assert.equal(o.ports.otlpHttp, 0);
});
