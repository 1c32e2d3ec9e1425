import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSkein } from './harness.js';
import { jaegerTrace, parentNamesOf, serviceOf, tagOf, zipkinTrace } from './read-back.js';
import { DEBIAN_PYTHON, ensureDebianPythonPackages } from './python/debian-python.js';

// The Python source stays in src/ (tsc does not copy it to dist/).
const SERVICE_SCRIPT = fileURLToPath(new URL('../../src/e2e/python/flask_zipkin_service.py', import.meta.url));

interface PythonService {
  readonly url: string;
  stop(): void;
}

/** Starts one Flask + py_zipkin service and waits for the port it prints. */
function startService(args: string[]): Promise<PythonService> {
  const child: ChildProcess = spawn(DEBIAN_PYTHON, [SERVICE_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`python service did not start within 20 s:\n${output}`));
    }, 20_000);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}`, stop: () => child.kill() });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`python service exited with ${code}:\n${output}`));
    });
  });
}

describe('py_zipkin (Debian python3-py-zipkin) in the classic Flask demo, every encoding', () => {
  let skein: Awaited<ReturnType<typeof startTestSkein>>;
  before(async () => {
    ensureDebianPythonPackages();
    skein = await startTestSkein();
  });
  after(() => skein?.stop());

  for (const encoding of ['V1_THRIFT', 'V1_JSON', 'V2_JSON']) {
    test(`${encoding}: webapp calls service1 with B3 headers; one trace, both services, correct parentage`, async () => {
      const common = ['--zipkin', skein.urls.zipkin, '--encoding', encoding];
      const backend = await startService(['--name', 'service1', ...common]);
      const frontend = await startService(['--name', 'webapp', '--downstream', `${backend.url}/service1/`, ...common]).catch((e) => {
        backend.stop();
        throw e;
      });
      try {
        // py_zipkin sends each service's spans when its root span ends, before the response: once
        // this request returns, both services have had their 202 (durable) from Skein.
        const res = await fetch(`${frontend.url}/`);
        assert.equal(res.status, 200);
        const traceId = (await res.text()).trim();
        assert.match(traceId, /^[0-9a-f]{16}$/, 'py_zipkin uses 64-bit trace ids by default');

        const jt = await jaegerTrace(skein.urls.query, traceId);
        assert.equal(jt.traceID, traceId, 'the 64-bit id comes back as sent');
        assert.deepEqual([...new Set(jt.spans.map((s) => s.operationName))].sort(), ['call_service1', 'do_stuff', 'index', 'service1', 'service1_db']);
        assert.equal(jt.spans.length, 5);
        assert.deepEqual(parentNamesOf(jt, 'index'), [null]);
        assert.deepEqual(parentNamesOf(jt, 'do_stuff'), ['index']);
        assert.deepEqual(parentNamesOf(jt, 'call_service1'), ['do_stuff']);
        assert.deepEqual(parentNamesOf(jt, 'service1'), ['call_service1'], 'service1 joins the trace under the client span');
        assert.deepEqual(parentNamesOf(jt, 'service1_db'), ['service1']);
        const byName = new Map(jt.spans.map((s) => [s.operationName, s]));
        const index = byName.get('index')!;
        const call = byName.get('call_service1')!;
        const service1 = byName.get('service1')!;
        assert.deepEqual(new Set(jt.spans.map((s) => serviceOf(jt, s))), new Set(['webapp', 'service1']));
        assert.equal(serviceOf(jt, service1), 'service1');
        assert.equal(tagOf(index, 'span.kind')?.value, 'server');
        assert.equal(tagOf(call, 'span.kind')?.value, 'client');
        assert.equal(tagOf(index, 'user.id')?.value, '42');
        assert.equal(tagOf(call, 'http.url')?.value, `${backend.url}/service1/`);

        const zt = await zipkinTrace(skein.urls.zipkin, traceId);
        assert.equal(zt.length, 5);
        const zCall = zt.find((s) => s.name === 'call_service1')!;
        assert.equal(zCall.kind, 'CLIENT');
        assert.equal(zt.find((s) => s.name === 'service1')!.parentId, zCall.id);
        assert.equal(zt.find((s) => s.name === 'service1')!.localEndpoint?.serviceName, 'service1');
      } finally {
        frontend.stop();
        backend.stop();
      }
    });
  }
});
