import { basename } from 'node:path';
import type { Attributes } from '@opentelemetry/api';

/**
 * The process semantic conventions, from what Node already knows (no I/O). The command's
 * arguments are left out: they often carry secrets.
 */
export function processAttributes(): Attributes {
  const attributes: Attributes = {
    'process.pid': process.pid,
    'process.executable.name': executableName(),
    'process.executable.path': process.execPath,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': process.versions.node,
    'process.runtime.description': 'Node.js',
  };
  // The script Node was asked to run (argv[1]); absent for a REPL or `node -e`.
  const command = process.argv[1];
  if (command !== undefined) attributes['process.command'] = command;
  return attributes;
}

/**
 * The base name of the executable, as the conventions ask on Linux (the target of
 * /proc/[pid]/exe), without the extension on Windows: "node" in the usual case.
 */
export function executableName(): string {
  return basename(process.execPath).replace(/\.exe$/i, '');
}
