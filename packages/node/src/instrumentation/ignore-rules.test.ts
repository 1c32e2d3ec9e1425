import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileOutgoingRules, compilePathRules } from './ignore-rules.js';

describe('compilePathRules', () => {
  it('ignores nothing by default', () => {
    assert.equal(compilePathRules(undefined)('/health'), false);
    assert.equal(compilePathRules([])('/health'), false);
  });
  it('matches exact strings, trailing-* prefixes and RegExps', () => {
    const ignored = compilePathRules(['/health', '/internal/*', /^\/metrics(\/|$)/, /x/g]);
    assert.equal(ignored('/health'), true);
    assert.equal(ignored('/healthz'), false);
    assert.equal(ignored('/health/deep'), false);
    assert.equal(ignored('/internal/'), true);
    assert.equal(ignored('/internal/anything/else'), true);
    assert.equal(ignored('/internals'), false);
    assert.equal(ignored('/metrics'), true);
    assert.equal(ignored('/metrics/jvm'), true);
    assert.equal(ignored('/users'), false);
    // A /g pattern must match every time, not every other time.
    assert.equal(ignored('/x'), true);
    assert.equal(ignored('/x'), true);
  });
});

describe('compileOutgoingRules', () => {
  const target = (url: string) => {
    const parsed = new URL(url);
    return { host: parsed.hostname, hostAndPort: `${parsed.hostname}:${parsed.port || 80}`, url };
  };
  it('is undefined without rules, so callers can skip it', () => {
    assert.equal(compileOutgoingRules(undefined), undefined);
    assert.equal(compileOutgoingRules([]), undefined);
  });
  it('matches hosts (any case), host:port, URL prefixes and RegExps', () => {
    const ignored = compileOutgoingRules(['Metadata.Internal', 'localhost:8500', 'http://169.254.169.254/', /\/v1\/traces$/])!;
    assert.equal(ignored(target('http://metadata.internal/computeMetadata')), true);
    assert.equal(ignored(target('http://localhost:8500/v1/kv')), true);
    assert.equal(ignored(target('http://localhost:8501/v1/kv')), false);
    assert.equal(ignored(target('http://169.254.169.254/latest/meta-data')), true);
    assert.equal(ignored(target('http://collector:4318/v1/traces')), true);
    assert.equal(ignored(target('http://api.example.com/users')), false);
  });
});
