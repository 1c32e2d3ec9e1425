import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { listeningLine, startChild, type ChildService } from './child-service.js';

/** Debian's interpreter: a python3 earlier on PATH (a venv, pyenv) may lack Debian's packages. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
export const PYTHON_PACKAGES_HINT = 'apt-get install python3-flask python3-py-zipkin python3-requests';

/** examples/python-flask-zipkin: the same distance from src/ and from dist/. */
export const PYTHON_DEMO_DIR = fileURLToPath(new URL('../../python-flask-zipkin/', import.meta.url));

/** Whether Debian's python can run the Flask + py_zipkin pair. */
export function pythonDemoAvailable(python = DEBIAN_PYTHON): boolean {
  return spawnSync(python, ['-c', 'import flask, py_zipkin, requests'], { stdio: 'ignore' }).status === 0;
}

export interface PythonPair {
  readonly api04: ChildService;
  readonly api05: ChildService;
}

export interface PythonPairOptions {
  readonly zipkinUrl: string;
  readonly api04Port: number;
  readonly api05Port: number;
  readonly env: NodeJS.ProcessEnv;
  readonly onLine?: (name: string, line: string) => void;
}

function startPython(name: string, script: string, args: string[], options: PythonPairOptions): Promise<ChildService> {
  return startChild({
    name,
    command: DEBIAN_PYTHON,
    args: [script, ...args],
    // Unbuffered, so the "listening on" line arrives at once; no __pycache__ left in the source tree.
    env: { ...options.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
    cwd: PYTHON_DEMO_DIR,
    ready: listeningLine(name),
    ...(options.onLine ? { onLine: (line: string) => options.onLine!(name, line) } : {}),
  });
}

/** api-05, then api-04 pointed at it; both send Zipkin v2 JSON to `zipkinUrl`. */
export async function startPythonPair(options: PythonPairOptions): Promise<PythonPair> {
  const api05 = await startPython('api-05', 'api_05.py', ['--port', String(options.api05Port), '--zipkin', options.zipkinUrl], options);
  try {
    const api04 = await startPython('api-04', 'api_04.py', ['--port', String(options.api04Port), '--api05', api05.url, '--zipkin', options.zipkinUrl], options);
    return { api04, api05 };
  } catch (err) {
    await api05.stop();
    throw err;
  }
}
