import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_SCOPE, SpanKind, StatusCode, bool, int, str, type Attribute } from '@skein/model';
import { JaegerScopes, spanFieldsFromTags } from './jaeger-special-tags.js';

const tags = (...pairs: Array<[string, Attribute['value']]>): Attribute[] => pairs.map(([key, value]) => ({ key, value }));
const keys = (attrs: readonly Attribute[]): string[] => attrs.map((a) => a.key);

test('plain tags pass through as the same array, with nothing derived', () => {
  const t = tags(['http.method', str('GET')], ['retry', int(1)]);
  const f = spanFieldsFromTags(t);
  assert.equal(f.attributes, t);
  assert.deepEqual(f.status, { code: StatusCode.UNSET, message: '' });
  assert.equal(f.kind, SpanKind.UNSPECIFIED);
});

test('span.kind: the five OpenTracing values become the kind; any other value stays a tag', () => {
  for (const [value, kind] of [
    ['client', SpanKind.CLIENT],
    ['server', SpanKind.SERVER],
    ['producer', SpanKind.PRODUCER],
    ['consumer', SpanKind.CONSUMER],
    ['internal', SpanKind.INTERNAL],
  ] as const) {
    const f = spanFieldsFromTags(tags(['span.kind', str(value)], ['a', str('b')]));
    assert.equal(f.kind, kind);
    assert.deepEqual(keys(f.attributes), ['a']);
  }
  for (const odd of ['SERVER', 'rpc', 'constructor', '']) {
    const f = spanFieldsFromTags(tags(['span.kind', str(odd)]));
    assert.equal(f.kind, SpanKind.UNSPECIFIED, odd);
    assert.deepEqual(keys(f.attributes), ['span.kind']);
  }
});

test('error=true (bool) is ERROR and the tag is consumed; error=false and non-bool error tags stay', () => {
  let f = spanFieldsFromTags(tags(['error', bool(true)]));
  assert.deepEqual(f.status, { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(f.attributes, []);

  f = spanFieldsFromTags(tags(['error', bool(false)]));
  assert.deepEqual(f.status, { code: StatusCode.UNSET, message: '' });
  assert.deepEqual(keys(f.attributes), ['error']);

  f = spanFieldsFromTags(tags(['error', str('true')]));
  assert.equal(f.status.code, StatusCode.UNSET, 'the collector reads only a bool error tag');
  assert.deepEqual(keys(f.attributes), ['error']);
});

test('otel.status_code / otel.status_description, as the OpenTelemetry exporter writes them', () => {
  let f = spanFieldsFromTags(tags(['otel.status_code', str('ERROR')], ['error', bool(true)], ['otel.status_description', str('boom')]));
  assert.deepEqual(f.status, { code: StatusCode.ERROR, message: 'boom' });
  assert.deepEqual(f.attributes, []);

  f = spanFieldsFromTags(tags(['otel.status_code', str('OK')]));
  assert.deepEqual(f.status, { code: StatusCode.OK, message: '' });
  assert.deepEqual(f.attributes, []);

  f = spanFieldsFromTags(tags(['otel.status_code', str('error')], ['otel.status_description', str('x')]));
  assert.deepEqual(f.status, { code: StatusCode.ERROR, message: 'x' }, 'any case, as the collector');

  // a value the query API would not write back stays a tag
  f = spanFieldsFromTags(tags(['otel.status_code', str('UNSET')], ['otel.status_description', str('why')]));
  assert.deepEqual(f.status, { code: StatusCode.UNSET, message: '' });
  assert.deepEqual(keys(f.attributes), ['otel.status_code', 'otel.status_description']);

  // error=true is the ultimate truth; a contradicting OK code is kept as sent
  f = spanFieldsFromTags(tags(['error', bool(true)], ['otel.status_code', str('OK')]));
  assert.deepEqual(f.status, { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(keys(f.attributes), ['otel.status_code']);

  // an empty description is not a message (it would not come back): it stays a tag
  f = spanFieldsFromTags(tags(['error', bool(true)], ['otel.status_description', str('')]));
  assert.deepEqual(keys(f.attributes), ['otel.status_description']);
});

test('no status is invented from HTTP status tags (unlike the collector), so none comes back that was not sent', () => {
  const f = spanFieldsFromTags(tags(['span.kind', str('server')], ['http.status_code', int(503)], ['http.status_message', str('Service Unavailable')]));
  assert.deepEqual(f.status, { code: StatusCode.UNSET, message: '' });
  assert.deepEqual(keys(f.attributes), ['http.status_code', 'http.status_message']);
});

test('w3c.tracestate and otel.scope.* become the trace state and scope', () => {
  const f = spanFieldsFromTags(tags(['otel.scope.name', str('lib')], ['otel.scope.version', str('1.2')], ['w3c.tracestate', str('k=v')], ['x', str('y')]));
  assert.equal(f.traceState, 'k=v');
  assert.equal(f.scopeName, 'lib');
  assert.equal(f.scopeVersion, '1.2');
  assert.deepEqual(keys(f.attributes), ['x']);
  // a version without a name is just a tag
  const g = spanFieldsFromTags(tags(['otel.scope.version', str('1.2')]));
  assert.equal(g.scopeVersion, '');
  assert.deepEqual(keys(g.attributes), ['otel.scope.version']);
});

test('a repeated key: the last occurrence is used, earlier ones stay as tags', () => {
  const f = spanFieldsFromTags(tags(['span.kind', str('client')], ['span.kind', str('server')]));
  assert.equal(f.kind, SpanKind.SERVER);
  assert.deepEqual(f.attributes, tags(['span.kind', str('client')]));
});

test('JaegerScopes: one object per name and version; no name is the empty scope', () => {
  const scopes = new JaegerScopes();
  assert.equal(scopes.get('a', '1'), scopes.get('a', '1'));
  assert.notEqual(scopes.get('a', '1'), scopes.get('a', '2'));
  assert.equal(scopes.get('', ''), EMPTY_SCOPE);
});
