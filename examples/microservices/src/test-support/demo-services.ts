import type { ChildService } from '../child-service.js';
import { startNodeService } from '../node-services.js';
import { startPythonPair } from '../python-services.js';

export interface TestServices {
  readonly api01: ChildService;
  readonly api02: ChildService;
  readonly api03: ChildService;
  readonly api04?: ChildService;
  readonly api05?: ChildService;
  stop(): Promise<void>;
}

/**
 * The demo's services on free ports, pointed at a test Skein: api-03 answers after 50 ms,
 * nothing fails unless asked (?fail=1), the SDK exports every 100 ms.
 */
export async function startTestServices(skein: { otlpHttp: string; zipkin: string }, withPython: boolean): Promise<TestServices> {
  const started: ChildService[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop(10_000)));
  };
  try {
    const node = { otlpHttpUrl: skein.otlpHttp, env: process.env, exportDelayMs: 100 };
    // allSettled: when one fails, the other has finished starting (and is in `started`) before the cleanup.
    const [pythonStart, api03Start] = await Promise.allSettled([
      withPython ? startPythonPair({ zipkinUrl: skein.zipkin, api04Port: 0, api05Port: 0, env: process.env }).then((p) => (started.push(p.api04, p.api05), p)) : undefined,
      startNodeService('api-03', { ...node, settings: { API03_PORT: '0', DEMO_API03_DELAY_MS: '50' } }).then((s) => (started.push(s), s)),
    ]);
    if (pythonStart.status === 'rejected') throw pythonStart.reason;
    if (api03Start.status === 'rejected') throw api03Start.reason;
    const python = pythonStart.value;
    const api03 = api03Start.value;
    const api02 = await startNodeService('api-02', { ...node, settings: { API02_PORT: '0', API03_URL: api03.url, DEMO_PYTHON_URL: python ? `${python.api04.url}/api-04` : '' } });
    started.push(api02);
    const api01 = await startNodeService('api-01', { ...node, settings: { API01_PORT: '0', API02_URL: api02.url, API03_URL: api03.url, DEMO_ERROR_RATE: '0' } });
    started.push(api01);
    return { api01, api02, api03, ...(python ? { api04: python.api04, api05: python.api05 } : {}), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
