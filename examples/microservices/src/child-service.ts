import { spawn, type ChildProcess } from 'node:child_process';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One process the demo started and waited for. */
export interface ChildService {
  readonly name: string;
  /** What `ready` returned: usually the address the child printed. */
  readonly url: string;
  readonly pid: number;
  /** The child's recent output (stdout and stderr, last 64 KiB), for error messages. */
  output(): string;
  /** Settles when the process has ended, however that happened. */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL if it has not ended after `graceMs`; resolves once it has ended. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

export interface ChildSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Looks at everything printed so far; returns the child's address once it is ready. */
  readonly ready: (output: string) => string | undefined;
  readonly startTimeoutMs?: number;
  /** Every line the child prints (the launcher's --verbose). */
  readonly onLine?: (line: string) => void;
}

const OUTPUT_LIMIT = 64 * 1024;

/** Children still running: killed when this process exits, whatever the reason, so none is orphaned. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killLeftoversOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      try {
        // Each child leads its own process group (detached), so this reaches anything it started.
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/**
 * Starts a child process and resolves once `ready` finds what it waits for in the output; rejects
 * (and kills the child) when the child exits first or `startTimeoutMs` passes, with the output.
 *
 * The child gets its own process group (`detached`) so that a Ctrl-C in the terminal reaches
 * the launcher only: the launcher then stops the services before Skein, so their last spans
 * still have somewhere to go.
 */
export function startChild(spec: ChildSpec): Promise<ChildService> {
  killLeftoversOnExit();
  const child = spawn(spec.command, spec.args, { env: spec.env, cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  let output = '';
  let partialLine = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    if (output.length > OUTPUT_LIMIT) output = output.slice(output.length - OUTPUT_LIMIT);
    if (spec.onLine) {
      const lines = (partialLine + text).split('\n');
      partialLine = lines.pop()!;
      for (const line of lines) spec.onLine(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (err) => {
      output += `\n${spec.command}: ${err.message}`;
      running.delete(child);
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  const stop = async (graceMs = 10_000): Promise<ExitInfo> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    }
    return exited;
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop(2_000).then(() => reject(new Error(`${spec.name} ${why}; its output:\n${output.trimEnd() || '(nothing)'}`)));
    };
    const timeoutMs = spec.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => fail(`was not ready within ${timeoutMs} ms`), timeoutMs);
    const check = () => {
      if (settled) return;
      const url = spec.ready(output);
      if (url === undefined) return;
      settled = true;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({ name: spec.name, url, pid: child.pid!, output: () => output, exited, stop });
    };
    child.stdout!.on('data', check);
    void exited.then(({ code, signal }) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
  });
}

/** The `ready` of the demo services: they print "<name> listening on http://127.0.0.1:PORT". */
export const listeningLine =
  (name: string) =>
  (output: string): string | undefined =>
    new RegExp(`^${name} listening on (http://\\S+)$`, 'm').exec(output)?.[1];
