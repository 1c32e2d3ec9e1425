import { spawnSync } from 'node:child_process';

/** Debian's interpreter: the python3 first on PATH may be another one, without Debian's packages. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
const PACKAGES = ['python3-flask', 'python3-py-zipkin', 'python3-requests'];

const importsWork = () => spawnSync(DEBIAN_PYTHON, ['-c', 'import flask, py_zipkin, requests'], { encoding: 'utf8' }).status === 0;

/**
 * Makes sure Debian's Flask, py_zipkin and requests are importable, installing them with apt-get
 * when missing and possible (root). Throws, loudly and with the fix, when they cannot be had.
 */
export function ensureDebianPythonPackages(): void {
  if (importsWork()) return;
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canInstall) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', ...PACKAGES], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (importsWork()) return;
  }
  throw new Error(
    `THE py_zipkin END-TO-END TESTS CANNOT RUN: ${DEBIAN_PYTHON} cannot import flask, py_zipkin and requests` +
      (canInstall ? ' even after apt-get install' : '') +
      `. Install them with: apt-get install -y ${PACKAGES.join(' ')}`,
  );
}
