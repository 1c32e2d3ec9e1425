import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSkeinCli } from '../e2e/harness.js';

test('skein run starts the command with @skein/node preloaded and exits with its code', async () => {
  const script = "const r = globalThis[Symbol.for('@skein/node.register')]; console.log(process.env.NODE_OPTIONS); console.log(process.env.OTEL_SERVICE_NAME); console.log(r ? 'registered' : 'absent'); process.exit(3)";
  const { code, stdout, stderr } = await runSkeinCli(['run', '--service-name', 'cli-test', '--exporter', 'console', '--', process.execPath, '-e', script]);
  assert.equal(code, 3, stderr);
  const [nodeOptions, service, registered] = stdout.trim().split('\n');
  assert.match(nodeOptions!, /--import=.*register\/register\.js/);
  assert.equal(service, 'cli-test');
  assert.equal(registered, 'registered');
});

test('skein run without a command is a usage error', async () => {
  const { code, stderr } = await runSkeinCli(['run']);
  assert.equal(code, 2);
  assert.match(stderr, /usage|command/i);
});

test('skein demo is the examples workspace demo (its help comes through the skein binary)', async () => {
  const { code, stdout, stderr } = await runSkeinCli(['demo', '--help']);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /api-01 \(Express\) calls api-02/);
  assert.match(stdout, /--requests N/);
});
