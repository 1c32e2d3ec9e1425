import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplerFromEnv } from './sampler-from-env.js';
import { stopSampler } from './stop-sampler.js';
import { parseJaegerRemoteSamplerArg } from './jaeger-remote-sampler-arg.js';
import { captureDiag } from '../config/diag-capture.js';

const diagLog = captureDiag();
const describe = (env: Record<string, string>) => {
  const sampler = samplerFromEnv(env, 'svc');
  stopSampler(sampler);
  return sampler.toString();
};
const parentBased = (root: string) =>
  `ParentBased{root=${root}, remoteParentSampled=AlwaysOnSampler, remoteParentNotSampled=AlwaysOffSampler, localParentSampled=AlwaysOnSampler, localParentNotSampled=AlwaysOffSampler}`;

test('each OTEL_TRACES_SAMPLER name builds its sampler', () => {
  diagLog.clear();
  assert.equal(describe({}), parentBased('AlwaysOnSampler'));
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'always_on' }), 'AlwaysOnSampler');
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'always_off' }), 'AlwaysOffSampler');
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }), 'TraceIdRatioBased{0.25}');
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' }), parentBased('AlwaysOnSampler'));
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }), parentBased('AlwaysOffSampler'));
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'PARENTBASED_TRACEIDRATIO', OTEL_TRACES_SAMPLER_ARG: ' 0.5 ' }), parentBased('TraceIdRatioBased{0.5}'));
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'ratelimiting', OTEL_TRACES_SAMPLER_ARG: '20' }), 'RateLimitingSampler{20}');
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'parentbased_ratelimiting' }), parentBased('RateLimitingSampler{1}'));
  assert.equal(diagLog.warnings.length, 0);
});

test('jaeger_remote reads the spec argument syntax', () => {
  diagLog.clear();
  const endpoint = 'http://127.0.0.1:1/sampling';
  assert.equal(
    describe({ OTEL_TRACES_SAMPLER: 'jaeger_remote', OTEL_TRACES_SAMPLER_ARG: `endpoint=${endpoint},pollingIntervalMs=5000,initialSamplingRate=0.25` }),
    `JaegerRemoteSampler{endpoint=${endpoint}?service=svc, current=TraceIdRatioBased{0.25}}`,
  );
  assert.equal(
    describe({ OTEL_TRACES_SAMPLER: 'parentbased_jaeger_remote' }),
    parentBased('JaegerRemoteSampler{endpoint=http://localhost:5778/sampling?service=svc, current=TraceIdRatioBased{0.001}}'),
  );
  assert.equal(diagLog.warnings.length, 0);
});

test('jaeger_remote argument: defaults, partial settings, bad values and unknown keys', () => {
  diagLog.clear();
  assert.deepEqual(parseJaegerRemoteSamplerArg(undefined), { endpoint: 'http://localhost:5778/sampling', pollingIntervalMs: 60000, initialSamplingRate: 0.001 });
  assert.deepEqual(parseJaegerRemoteSamplerArg('pollingIntervalMs=1000'), { endpoint: 'http://localhost:5778/sampling', pollingIntervalMs: 1000, initialSamplingRate: 0.001 });
  assert.deepEqual(parseJaegerRemoteSamplerArg('endpoint=http://h:16686/api/sampling?x=1'), { endpoint: 'http://h:16686/api/sampling?x=1', pollingIntervalMs: 60000, initialSamplingRate: 0.001 });
  assert.equal(diagLog.warnings.length, 0);
  assert.deepEqual(parseJaegerRemoteSamplerArg('endpoint=ftp://x,pollingIntervalMs=-5,initialSamplingRate=2,colour=blue'), {
    endpoint: 'http://localhost:5778/sampling',
    pollingIntervalMs: 60000,
    initialSamplingRate: 0.001,
  });
  assert.equal(diagLog.warnings.length, 4);
});

test('a bad ratio warns and uses the default ratio 1; an unknown sampler warns and uses parentbased_always_on', () => {
  diagLog.clear();
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: 'half' }), 'TraceIdRatioBased{1}');
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }), 'TraceIdRatioBased{1}');
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'traceidratio' }), 'TraceIdRatioBased{1}', 'missing ratio: 1, silently');
  assert.equal(diagLog.warnings.length, 2);
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'sometimes' }), parentBased('AlwaysOnSampler'));
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'xray' }), parentBased('AlwaysOnSampler'));
  assert.equal(diagLog.warnings.length, 4);
  assert.match(diagLog.warnings[2]!, /"sometimes" is not supported/);
});

test('an argument for a sampler that takes none is ignored', () => {
  diagLog.clear();
  assert.equal(describe({ OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_SAMPLER_ARG: '0.5' }), 'AlwaysOnSampler');
  assert.equal(diagLog.warnings.length, 0);
});
