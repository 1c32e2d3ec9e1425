import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { detectResource } from './detect-resource.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

test('without configuration: unknown_service:node plus SDK, host and process attributes', () => {
  const { attributes } = detectResource({});
  assert.equal(attributes['service.name'], 'unknown_service:node');
  assert.equal(attributes['telemetry.sdk.name'], '@skein/node');
  assert.equal(attributes['telemetry.sdk.language'], 'nodejs');
  assert.equal(attributes['telemetry.sdk.version'], packageVersion);
  assert.equal(attributes['host.name'], hostname());
  assert.ok(['amd64', 'arm64', 'arm32', 'x86', 'ppc64', 's390x'].includes(String(attributes['host.arch'])), String(attributes['host.arch']));
  assert.equal(attributes['os.type'], process.platform === 'win32' ? 'windows' : process.platform);
  assert.equal(attributes['process.pid'], process.pid);
  assert.equal(attributes['process.executable.name'], 'node');
  assert.equal(attributes['process.runtime.name'], 'nodejs');
  assert.equal(attributes['process.runtime.version'], process.versions.node);
  assert.equal(attributes['process.runtime.description'], 'Node.js');
  assert.equal(attributes['process.command'], process.argv[1]);
});

test('service name precedence: OTEL_SERVICE_NAME > OTEL_RESOURCE_ATTRIBUTES > default', () => {
  assert.equal(detectResource({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs' }).attributes['service.name'], 'from-attrs');
  assert.equal(detectResource({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs', OTEL_SERVICE_NAME: 'from-env' }).attributes['service.name'], 'from-env');
  assert.equal(detectResource({ OTEL_SERVICE_NAME: '  ' }).attributes['service.name'], 'unknown_service:node', 'blank counts as unset');
});

test('code overrides win over the environment; serviceName over attributes', () => {
  const env = { OTEL_SERVICE_NAME: 'env', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging,team=a' };
  const r = detectResource(env, { attributes: { 'service.name': 'attrs', team: 'b', 'service.version': '2' } });
  assert.equal(r.attributes['service.name'], 'attrs');
  assert.equal(r.attributes.team, 'b');
  assert.equal(r.attributes['deployment.environment'], 'staging');
  assert.equal(r.attributes['service.version'], '2');
  assert.equal(detectResource(env, { serviceName: 'code', attributes: { 'service.name': 'attrs' } }).attributes['service.name'], 'code');
});

test('OTEL_RESOURCE_ATTRIBUTES can set any attribute, including detected ones', () => {
  const r = detectResource({ OTEL_RESOURCE_ATTRIBUTES: 'host.name=override,k8s.pod.name=api-7f9' });
  assert.equal(r.attributes['host.name'], 'override');
  assert.equal(r.attributes['k8s.pod.name'], 'api-7f9');
});

test('the resource is one frozen object (exporters cache by identity)', () => {
  const r = detectResource({});
  assert.ok(Object.isFrozen(r));
  assert.ok(Object.isFrozen(r.attributes));
});
