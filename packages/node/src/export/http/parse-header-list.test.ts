import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeaderList } from './parse-header-list.js';
import { captureDiag } from '../test-support/capture-diag.js';

test('key=value pairs, trimmed, percent-decoded, names lower-cased', () => {
  assert.deepEqual(parseHeaderList(' x-honeycomb-team = abc123 , Authorization=Basic%20dXNlcjpwYXNz%3D', 'H'), {
    'x-honeycomb-team': 'abc123',
    authorization: 'Basic dXNlcjpwYXNz=',
  });
  assert.deepEqual(parseHeaderList('a=b=c', 'H'), { a: 'b=c' }, 'only the first = splits');
  assert.deepEqual(parseHeaderList('', 'H'), {});
  assert.deepEqual(parseHeaderList('a=', 'H'), { a: '' });
});

test('malformed entries are skipped with a warning that does not show the value', () => {
  let headers = {};
  const warnings = captureDiag(() => {
    headers = parseHeaderList('ok=1,novalue,=x,bad key=v,pct=%zz,crlf=a%0D%0Ab', 'OTEL_EXPORTER_OTLP_HEADERS');
  });
  assert.deepEqual(headers, { ok: '1' });
  assert.equal(warnings.length, 5);
  assert.ok(warnings.every((w) => w.startsWith('OTEL_EXPORTER_OTLP_HEADERS')));
  assert.ok(!warnings.some((w) => w.includes('%zz')));
});
