import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTracesTable } from './traces-table.js';

test('aligned columns, errors shown, empty result said plainly', () => {
  const out = renderTracesTable([
    { traceId: 'aaaa', rootServiceName: 'api-01', rootName: 'GET /', startTimeUnixNano: '1795234584237000000', durationNanos: '2002000000', spanCount: 4, errorCount: 1, services: [{ name: 'api-01', spanCount: 4 }] },
    { traceId: 'bbbbbbbb', rootServiceName: 'web', rootName: 'index', startTimeUnixNano: '1795234584000000000', durationNanos: '17429000', spanCount: 12, errorCount: 0, services: [{ name: 'web', spanCount: 10 }, { name: 'db', spanCount: 2 }] },
  ]).split('\n');
  assert.equal(out.length, 3);
  assert.match(out[0]!, /^TRACE ID  START \(UTC\) +DURATION  SPANS  ERRORS  ROOT +SERVICES$/);
  assert.match(out[1]!, /^aaaa {6}2026-11-21 04:16:24\.237 +2s +4 +1  api-01: GET \/ +api-01\(4\)$/);
  assert.match(out[2]!, /^bbbbbbbb  .* +17\.43ms +12 +-  web: index +web\(10\) db\(2\)$/);
  assert.equal(renderTracesTable([]), 'No traces found.');
});
