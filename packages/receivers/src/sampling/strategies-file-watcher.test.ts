import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strategyFor } from './sampling-strategies.js';
import { StrategiesFileWatcher, type SamplingLogger } from './strategies-file-watcher.js';

let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'skein-sampling-'))));
after(() => rm(dir, { recursive: true, force: true }));

const fileWith = (rate: number, service = 'api') => JSON.stringify({ service_strategies: [{ service, type: 'probabilistic', param: rate }] });
const rateOf = (w: StrategiesFileWatcher, service = 'api') => strategyFor(w.strategies, service).probabilisticSampling?.samplingRate;

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const logger: SamplingLogger = {
    info: (_o, msg) => void lines.push(['info', msg ?? '']),
    warn: (_o, msg) => void lines.push(['warn', msg ?? '']),
    error: (_o, msg) => void lines.push(['error', msg ?? '']),
  };
  return { lines, logger, errors: () => lines.filter(([l]) => l === 'error').map(([, m]) => m) };
}

test('a missing or invalid file at startup is an error naming the file', async () => {
  const missing = join(dir, 'nope.json');
  await assert.rejects(StrategiesFileWatcher.open(missing), (e: unknown) => e instanceof Error && e.message.includes(missing) && /ENOENT/.test(e.message));
  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{"service_strategies": [{"service": "a", "type": "probabilistic", "param": 7}]}');
  await assert.rejects(StrategiesFileWatcher.open(broken), (e: unknown) => e instanceof Error && e.message.includes(broken) && /between 0 and 1, got 7/.test(e.message));
});

test('changes are picked up; a broken edit or a removed file is logged once and the last good strategies stay', async () => {
  const path = join(dir, 'strategies.json');
  await writeFile(path, fileWith(0.5));
  const log = recordingLogger();
  const w = await StrategiesFileWatcher.open(path, { reloadIntervalMs: 60_000, logger: log.logger });
  try {
    assert.equal(rateOf(w), 0.5);
    assert.equal(await w.reloadIfChanged(), 'unchanged');

    await writeFile(path, fileWith(0.25));
    assert.equal(await w.reloadIfChanged(), 'reloaded');
    assert.equal(rateOf(w), 0.25);

    await writeFile(path, '{"service_strategies": [');
    assert.equal(await w.reloadIfChanged(), 'failed');
    assert.equal(rateOf(w), 0.25, 'the previous strategies stay in force');
    assert.equal(log.errors().length, 1);
    assert.match(log.errors()[0]!, /not valid JSON: .*; the strategies loaded before stay in force$/);
    assert.equal(await w.reloadIfChanged(), 'unchanged', 'the same broken version is judged once');

    await unlink(path);
    assert.equal(await w.reloadIfChanged(), 'failed');
    assert.equal(await w.reloadIfChanged(), 'failed');
    assert.equal(log.errors().length, 2, 'a file that stays missing is reported once');
    assert.equal(rateOf(w), 0.25);

    await writeFile(path, fileWith(1));
    assert.equal(await w.reloadIfChanged(), 'reloaded');
    assert.equal(rateOf(w), 1);
  } finally {
    w.close();
  }
});

test('warnings in a reloaded file are logged, the file is still used', async () => {
  const path = join(dir, 'warn.json');
  await writeFile(path, fileWith(0.5));
  const log = recordingLogger();
  const w = await StrategiesFileWatcher.open(path, { reloadIntervalMs: 60_000, logger: log.logger });
  try {
    await writeFile(path, JSON.stringify({ service_strategies: [{ service: 'api', type: 'probabilistic', param: 0.3, operation_strategies: [{ operation: 'x', type: 'ratelimiting', param: 1 }] }] }));
    assert.equal(await w.reloadIfChanged(), 'reloaded');
    assert.equal(rateOf(w), 0.3);
    assert.ok(log.lines.some(([level, msg]) => level === 'warn' && /operation "x" is rate-limiting/.test(msg)));
  } finally {
    w.close();
  }
});

test('the file is polled on its own every reloadIntervalMs', { timeout: 10_000 }, async () => {
  const path = join(dir, 'polled.json');
  await writeFile(path, fileWith(0.5));
  const w = await StrategiesFileWatcher.open(path, { reloadIntervalMs: 10 });
  try {
    await writeFile(path, fileWith(0.75));
    while (rateOf(w) !== 0.75) await new Promise((r) => setTimeout(r, 10));
    assert.equal(rateOf(w), 0.75);
  } finally {
    w.close();
  }
});
