import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'skein-config-'));

test('defaults: embedded store in ./skein-data, standard ports, 7 day retention, loopback only', () => {
  const c = loadConfig({ flags: {}, env: {} });
  assert.equal(c.dataDir, './skein-data');
  assert.equal(c.storage, 'duckdb');
  assert.equal(c.host, '127.0.0.1');
  assert.deepEqual([c.otlpHttpPort, c.zipkinPort, c.queryPort], [4318, 9411, 16686]);
  assert.equal(c.retention, 7n * 86_400n * 1_000_000_000n);
  assert.equal(c.maxBodySize, 20 * 1024 * 1024);
});

test('precedence: flags over SKEIN_* env over config file over defaults', () => {
  const file = join(dir, 'skein.yaml');
  writeFileSync(file, 'data-dir: /from/file\nretention: 3d\nzipkin-port: 19411\nquery-port: 26686\n');
  const c = loadConfig({ flags: { 'data-dir': '/from/flag' }, env: { SKEIN_DATA_DIR: '/from/env', SKEIN_RETENTION: '12h', SKEIN_ZIPKIN_PORT: '' }, configFile: file });
  assert.equal(c.dataDir, '/from/flag');
  assert.equal(c.retention, 12n * 3600n * 1_000_000_000n);
  assert.equal(c.zipkinPort, 19411, 'an empty env var does not override the file');
  assert.equal(c.queryPort, 26686);
});

test('JSON config files work too', () => {
  const file = join(dir, 'skein.json');
  writeFileSync(file, JSON.stringify({ storage: 'memory', 'retention-size': '10GB' }));
  const c = loadConfig({ flags: {}, env: {}, configFile: file });
  assert.equal(c.storage, 'memory');
  assert.equal(c.retentionSize, 10e9);
});

test('every problem is reported at once, naming where the bad value came from', () => {
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'retension: 7d\n');
  try {
    loadConfig({ flags: { 'otlp-http-port': '99999', storage: 'postgres' }, env: { SKEIN_RETENTION: 'a week' }, configFile: file });
    assert.fail('expected ConfigError');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.problems.length, 4, e.message);
    assert.match(e.message, /bad\.yaml: unknown setting "retension"/);
    assert.match(e.message, /--otlp-http-port: expected a port number 0-65535, got "99999"/);
    assert.match(e.message, /--storage: expected one of duckdb, memory, none, got "postgres"/);
    assert.match(e.message, /SKEIN_RETENTION: expected a duration like 7d/);
  }
});

test('unreadable and malformed config files are clear errors', () => {
  assert.throws(() => loadConfig({ flags: {}, env: {}, configFile: join(dir, 'missing.yaml') }), /cannot read config file .*missing\.yaml/);
  const file = join(dir, 'list.yaml');
  writeFileSync(file, '- a\n- b\n');
  assert.throws(() => loadConfig({ flags: {}, env: {}, configFile: file }), /expected a mapping of setting: value/);
});

test('receiver ports can be switched off; forwarding settings parse like OTEL_EXPORTER_OTLP_HEADERS', () => {
  const c = loadConfig({ flags: { 'xray-port': 'off', 'forward-endpoint': 'https://api.honeycomb.io/v1/traces', 'forward-headers': 'x-honeycomb-team=a%2Cb, X-Dataset = demo' }, env: {} });
  assert.equal(c.xrayPort, null);
  assert.equal(c.otlpGrpcPort, 4317);
  assert.deepEqual(c.forwardHeaders, { 'x-honeycomb-team': 'a,b', 'x-dataset': 'demo' });
  assert.throws(() => loadConfig({ flags: { 'forward-headers': 'no-equals-sign' }, env: {} }), /--forward-headers: expected key=value pairs/);
  assert.throws(() => loadConfig({ flags: { 'forward-endpoint': 'ftp://x' }, env: {} }), /expected an http\(s\) URL/);
});

test('--storage none without somewhere to forward to is refused', () => {
  assert.throws(() => loadConfig({ flags: { storage: 'none' }, env: {} }), /--storage none needs --forward-endpoint/);
  assert.equal(loadConfig({ flags: { storage: 'none', 'forward-endpoint': 'http://127.0.0.1:4318/v1/traces' }, env: {} }).storage, 'none');
});
