import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { otlpConfigFromEnv, DEFAULT_OTLP_TRACES_URL } from './otlp-config-from-env.js';
import { captureDiag } from '../test-support/capture-diag.js';

test('defaults', () => {
  assert.deepEqual(otlpConfigFromEnv({}), {
    url: DEFAULT_OTLP_TRACES_URL,
    protocol: 'http/protobuf',
    headers: {},
    compression: 'none',
    timeoutMillis: 10000,
  });
});

test('the generic endpoint gets /v1/traces appended; the traces endpoint is used as is', () => {
  assert.equal(otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com' }).url, 'https://otlp.example.com/v1/traces');
  assert.equal(otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/base/' }).url, 'http://c:4318/base/v1/traces');
  assert.equal(
    otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1234/custom' }).url,
    'http://t:1234/custom',
  );
});

test('bad endpoints fall back with a warning', () => {
  const warnings = captureDiag(() => {
    assert.equal(otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).url, DEFAULT_OTLP_TRACES_URL);
    assert.equal(
      otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).url,
      'http://c:4318/v1/traces',
      'a bad traces endpoint falls back to the generic one',
    );
  });
  assert.equal(warnings.length, 2);
});

test('protocol: traces-specific first; grpc falls back to http/protobuf with a warning', () => {
  assert.equal(otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).protocol, 'http/json');
  assert.equal(
    otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }).protocol,
    'http/protobuf',
  );
  const warnings = captureDiag(() => {
    assert.equal(otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).protocol, 'http/protobuf');
    assert.equal(otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'carrier-pigeon' }).protocol, 'http/protobuf');
  });
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /grpc is not supported/);
});

test('headers merge, traces-specific winning; values percent-decoded', () => {
  const config = otlpConfigFromEnv({
    OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%2Cb,x-team=one',
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'X-Team=two',
  });
  assert.deepEqual(config.headers, { 'api-key': 'a,b', 'x-team': 'two' });
});

test('compression and timeout', () => {
  const config = otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_COMPRESSION: 'GZIP', OTEL_EXPORTER_OTLP_TIMEOUT: '500', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '700' });
  assert.equal(config.compression, 'gzip');
  assert.equal(config.timeoutMillis, 700);
  const warnings = captureDiag(() => {
    const bad = otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'brotli', OTEL_EXPORTER_OTLP_TIMEOUT: 'ten' });
    assert.equal(bad.compression, 'none');
    assert.equal(bad.timeoutMillis, 10000);
  });
  assert.equal(warnings.length, 2);
});

test('TLS files are read; a missing one is a warning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skein-otlp-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    const warnings = captureDiag(() => {
      const config = otlpConfigFromEnv({
        OTEL_EXPORTER_OTLP_CERTIFICATE: join(dir, 'ca.pem'),
        OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: join(dir, 'missing.pem'),
      });
      assert.deepEqual(config.tls, { ca: Buffer.from('CA') });
    });
    assert.equal(warnings.length, 1);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
