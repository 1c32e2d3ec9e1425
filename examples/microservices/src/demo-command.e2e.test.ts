// The launcher itself: `demoCommand` with --requests 3 on free ports, and the skein-demo binary
// stopped by SIGINT. Both must start everything, print a trace link that resolves, and leave no
// process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rm } from 'node:fs/promises';
import { startTestSkein, tempDir } from '@skein/server/e2e/harness';
import { waitForJaegerTrace } from '@skein/server/e2e/read-back';
import { demoCommand } from './demo-command.js';
import { pythonDemoAvailable } from './python-services.js';
import { childPids, isRunning } from './test-support/process-tree.js';

const FREE_PORTS = ['query', 'otlp-http', 'zipkin', 'api01', 'api02', 'api03', 'api04', 'api05'].flatMap((p) => [`--${p}-port`, '0']);
const FAST = ['--api03-delay-ms', '50', '--rate', '10', '--error-rate', '0'];
const EXPECTED_SERVICES = ['api-01', 'api-02', 'api-03', 'load-generator', ...(pythonDemoAvailable() ? ['api-04', 'api-05'] : [])];

/** The trace id in "Sample trace: http://127.0.0.1:PORT/trace/ID". */
const sampleTraceId = (output: string) => /^Sample trace: http:\/\/127\.0\.0\.1:\d+\/trace\/([0-9a-f]{32})$/m.exec(output)?.[1];

/** Opens the demo's data directory with a fresh Skein: the link's page and trace must be there. */
async function assertTraceStored(dataDir: string, traceId: string): Promise<void> {
  const skein = await startTestSkein({ 'data-dir': dataDir });
  try {
    const page = await fetch(`${skein.urls.query}/trace/${traceId}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    await page.arrayBuffer();
    const trace = await waitForJaegerTrace(skein.urls.query, traceId, EXPECTED_SERVICES.length, 5_000);
    const services = new Set(Object.values(trace.processes).map((p) => p.serviceName));
    assert.deepEqual([...services].sort(), [...EXPECTED_SERVICES].sort());
  } finally {
    await skein.stop();
  }
}

test('demoCommand --requests 3: starts Skein and the services, prints the UI and a sample trace, stops, leaves no process', { timeout: 60_000 }, async () => {
  const data = await tempDir('skein-demo-test-');
  try {
    const lines: string[] = [];
    const before = new Set(childPids(process.pid));
    const code = await demoCommand(['--requests', '3', '--data-dir', data.path, ...FAST, ...FREE_PORTS], { out: (text) => lines.push(text), env: process.env });
    const output = lines.join('\n');
    assert.equal(code, 0, output);
    assert.match(output, /^Skein UI: {2}http:\/\/127\.0\.0\.1:\d+$/m);
    assert.match(output, /^Sent 3 requests: 3 ok, 0 failed/m);
    assert.match(output, /^Stopped: every process has exited\. The traces stay in /m);
    const traceId = sampleTraceId(output);
    assert.ok(traceId, `no sample trace link in:\n${output}`);
    assert.deepEqual(childPids(process.pid).filter((pid) => !before.has(pid)), [], 'no child process left running');
    await assertTraceStored(data.path, traceId);
  } finally {
    await data.remove();
  }
});

test('skein-demo, stopped with SIGINT (Ctrl-C): exits 0, its children stopped, the traces flushed to disk', { timeout: 90_000 }, async () => {
  const data = await tempDir('skein-demo-test-');
  const bin = fileURLToPath(new URL('./bin/skein-demo.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--data-dir', data.path, ...FAST, ...FREE_PORTS], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 30_000;
    while (!/^Sample trace/m.test(output)) {
      assert.ok(Date.now() < deadline && child.exitCode === null, `no sample trace within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(sampleTraceId(output), `the sample trace is not complete in Skein:\n${output}`);
    const grandchildren = childPids(child.pid!);
    const servicesRun = EXPECTED_SERVICES.filter((s) => s !== 'load-generator').length;
    assert.equal(grandchildren.length, 1 + servicesRun, `Skein and every service run as children of the demo:\n${output}`);
    child.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.match(output, /SIGINT: stopping the demo\./);
    assert.deepEqual(grandchildren.filter(isRunning), [], 'every process the demo started has ended');
    await assertTraceStored(data.path, sampleTraceId(output)!);
  } finally {
    // A failed assertion must not leave the demo's processes behind: ask nicely, then kill
    // every process group it started (each child of the demo leads its own group).
    if (child.exitCode === null) {
      const started = childPids(child.pid!);
      child.kill('SIGINT');
      const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
      if (!stopped) {
        for (const pid of started) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        child.kill('SIGKILL');
      }
    }
    await rm(data.path, { recursive: true, force: true });
  }
});
