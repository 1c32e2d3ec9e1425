import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdkBenchOptions } from './parse-sdk-bench-args.js';
import { DEFAULT_SDK_OPTIONS } from './sdk-bench-options.js';

describe('parseSdkBenchOptions', () => {
  it('defaults to both halves, both servers, 5 micro and 3 HTTP rounds of 5 s at 50 connections', () => {
    assert.deepEqual(parseSdkBenchOptions([]), DEFAULT_SDK_OPTIONS);
    assert.deepEqual(DEFAULT_SDK_OPTIONS, { microRounds: 5, httpRounds: 3, httpSeconds: 5, connections: 50, apps: ['node:http', 'fastify'] });
  });
  it('runs one half with --only', () => {
    const micro = parseSdkBenchOptions(['--only', 'micro']);
    assert.ok(micro !== 'help');
    assert.equal(micro.httpRounds, 0);
    assert.equal(micro.microRounds, 5);
    const http = parseSdkBenchOptions(['--only', 'http']);
    assert.ok(http !== 'help');
    assert.equal(http.microRounds, 0);
    assert.throws(() => parseSdkBenchOptions(['--only', 'ui']), /--only/);
  });
  it('reads counts, seconds and the server list, refusing unknown servers', () => {
    const o = parseSdkBenchOptions(['--micro-rounds', '3', '--http-rounds', '2', '--http-seconds', '10', '--connections', '100', '--apps', 'fastify']);
    assert.deepEqual(o, { microRounds: 3, httpRounds: 2, httpSeconds: 10, connections: 100, apps: ['fastify'] });
    assert.throws(() => parseSdkBenchOptions(['--apps', 'express']), /unknown server "express"/);
    assert.throws(() => parseSdkBenchOptions(['--http-seconds', 'long']), /--http-seconds/);
    assert.equal(parseSdkBenchOptions(['--help']), 'help');
  });
});
