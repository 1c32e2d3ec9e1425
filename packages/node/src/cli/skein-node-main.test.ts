import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { skeinNodeMain } from './skein-node-main.js';

function io() {
  const output: string[] = [];
  const errors: string[] = [];
  return { output, errors, env: process.env, out: (text: string) => output.push(text), err: (text: string) => errors.push(text) };
}

const version: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

describe('skein-node bin', () => {
  it('dispatches run, prints its version and usage', async () => {
    const help = io();
    assert.equal(await skeinNodeMain(['run', '--help'], help), 0);
    assert.match(help.output.join(''), /Usage: skein run/);

    const shown = io();
    assert.equal(await skeinNodeMain(['--version'], shown), 0);
    assert.equal(shown.output.join(''), `${version}\n`);

    const bare = io();
    assert.equal(await skeinNodeMain([], bare), 2);
    assert.match(bare.output.join(''), /Usage: skein-node <command>/);

    const unknown = io();
    assert.equal(await skeinNodeMain(['instrument'], unknown), 2);
    assert.match(unknown.errors.join(''), /unknown command instrument/);
  });

  it('runs as an executable script with the exit code of the subcommand', () => {
    const bin = fileURLToPath(new URL('../bin/skein-node.js', import.meta.url));
    assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    const help = spawnSync(process.execPath, [bin, 'run', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: skein run/);
    const usage = spawnSync(process.execPath, [bin, 'run', '--exporter', 'otlp'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /missing the command/);
  });
});
