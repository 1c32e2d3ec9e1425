import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { OPTIONS, type SkeinConfig } from '../config/options.js';
import type { TraceStore } from '@skein/store';
import { startSkein, type RunningSkein } from '../app/start-skein.js';

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix = 'skein-test-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Every port option set to 0, so tests running side by side never collide on a port. */
export const EPHEMERAL_PORTS: Readonly<Record<string, string>> = Object.fromEntries(OPTIONS.filter((o) => o.flag.endsWith('-port')).map((o) => [o.flag, '0']));
export const EPHEMERAL_PORT_FLAGS: readonly string[] = Object.entries(EPHEMERAL_PORTS).flatMap(([flag, v]) => [`--${flag}`, v]);

/** Every receiver URL, for tests that leave all receivers on. */
export type AllUrls = Required<RunningSkein['urls']>;

/**
 * Skein all-in-one in this process, on ephemeral 127.0.0.1 ports, with the real DuckDB store in
 * a temporary data directory (or memory). Settings go through the real config loader.
 */
export async function startTestSkein(flags: Record<string, string> = {}): Promise<Omit<RunningSkein, 'urls' | 'store'> & { urls: AllUrls; store: TraceStore; dataDir: string; stop(): Promise<void> }> {
  const dir = await tempDir();
  const config: SkeinConfig = loadConfig({
    flags: { 'data-dir': dir.path, ...EPHEMERAL_PORTS, 'log-level': 'silent', ...flags },
    env: {},
  });
  const skein = await startSkein(config, pino({ level: config.logLevel }));
  return {
    ...skein,
    // Tests switch receivers off or the store to none only when they check exactly that.
    urls: skein.urls as AllUrls,
    store: skein.store as TraceStore,
    dataDir: dir.path,
    stop: async () => {
      await skein.close();
      await dir.remove();
    },
  };
}

export const SKEIN_BIN = fileURLToPath(new URL('../bin/skein.js', import.meta.url));

export interface SkeinProcess {
  readonly child: ChildProcess;
  readonly urls: { otlpHttp: string; zipkin: string; query: string };
  /** Everything printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the real `skein` binary as a child process and waits until it prints its addresses. */
export async function spawnSkein(args: string[], env: Record<string, string> = {}): Promise<SkeinProcess> {
  const child = spawn(process.execPath, [SKEIN_BIN, ...args], { env: { ...process.env, SKEIN_LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const urls = await new Promise<SkeinProcess['urls']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`skein did not start within 30s:\n${out}`)), 30_000);
    const check = () => {
      const q = /Query API \(Jaeger \+ Skein\): +(\S+)/.exec(out);
      const o = /OTLP\/HTTP: +(\S+)\/v1\/traces/.exec(out);
      const z = /Zipkin: +(\S+)\/api\/v2\/spans/.exec(out);
      if (q && o && z) {
        clearTimeout(timer);
        resolve({ query: q[1]!, otlpHttp: o[1]!, zipkin: z[1]! });
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`skein exited with ${code} before starting:\n${out}`));
    });
  });
  return { child, urls, output: () => out, exited };
}

/** Runs the `skein` CLI to completion and returns its exit code and output. */
export function runSkeinCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SKEIN_BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function getJson<T = unknown>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
