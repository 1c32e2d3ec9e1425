import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BENCH_HELP, DEFAULT_SPANS, parseBenchOptions, parseCount } from './bench-options.js';
import { DEFAULT_SDK_OPTIONS } from './sdk/sdk-bench-options.js';

describe('parseCount', () => {
  it('reads plain, exponent, underscore and k/M forms', () => {
    assert.equal(parseCount('1000000', 'x'), 1_000_000);
    assert.equal(parseCount('1e7', 'x'), 10_000_000);
    assert.equal(parseCount('10M', 'x'), 10_000_000);
    assert.equal(parseCount('250k', 'x'), 250_000);
    assert.equal(parseCount('1_000', 'x'), 1000);
  });
  it('refuses zero, negatives and words, naming the option', () => {
    for (const bad of ['0', '-5', 'lots', '']) assert.throws(() => parseCount(bad, '--spans'), /--spans/);
  });
});

describe('parseBenchOptions', () => {
  it('defaults to 1M protobuf spans and a tenth of that over JSON', () => {
    const o = parseBenchOptions([], {});
    assert.ok(o !== 'help');
    assert.equal(o.spans, DEFAULT_SPANS);
    assert.equal(o.jsonSpans, DEFAULT_SPANS / 10);
    assert.equal(o.concurrency, 8);
    assert.equal(o.maxSpansPerRequest, 512);
  });
  it('takes BENCH_SPANS from the environment, and the flag over it', () => {
    const fromEnv = parseBenchOptions([], { BENCH_SPANS: '10M' });
    assert.ok(fromEnv !== 'help');
    assert.equal(fromEnv.spans, 10_000_000);
    assert.equal(fromEnv.jsonSpans, 1_000_000);
    const fromFlag = parseBenchOptions(['--spans', '2e6'], { BENCH_SPANS: '10M' });
    assert.ok(fromFlag !== 'help');
    assert.equal(fromFlag.spans, 2_000_000);
  });
  it('refuses unknown flags', () => assert.throws(() => parseBenchOptions(['--spanz', '5'], {})));
  it('runs the SDK phase unless --skip-sdk is given', () => {
    const o = parseBenchOptions([], {});
    assert.ok(o !== 'help');
    assert.equal(o.skipSdk, false);
    assert.deepEqual(o.sdk, DEFAULT_SDK_OPTIONS);
    const skipped = parseBenchOptions(['--skip-sdk'], {});
    assert.ok(skipped !== 'help');
    assert.equal(skipped.skipSdk, true);
    assert.match(BENCH_HELP, /--skip-sdk/);
  });
  it('takes the SDK phase\'s HTTP run length and rounds', () => {
    const o = parseBenchOptions(['--sdk-http-seconds', '10', '--sdk-http-rounds', '4'], {});
    assert.ok(o !== 'help');
    assert.equal(o.sdk.httpSeconds, 10);
    assert.equal(o.sdk.httpRounds, 4);
    assert.equal(o.sdk.microRounds, DEFAULT_SDK_OPTIONS.microRounds);
    assert.throws(() => parseBenchOptions(['--sdk-http-rounds', '0'], {}), /--sdk-http-rounds/);
  });
});
