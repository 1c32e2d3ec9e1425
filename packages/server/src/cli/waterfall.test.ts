import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SkeinSpanJson, TraceSummary } from '@skein/query';
import { buildTree, renderWaterfall } from './waterfall.js';

const span = (id: string, parent: string, name: string, start: number, dur: number, over: Partial<SkeinSpanJson> = {}): SkeinSpanJson => ({
  traceId: 't', spanId: id, parentSpanId: parent, name, kind: 'server', serviceName: 'svc',
  startTimeUnixNano: String(start), endTimeUnixNano: String(start + dur), durationNanos: String(dur),
  status: { code: 'unset', message: '' }, attributes: [], resource: [], scope: { name: '', version: '' }, events: [], links: [], shared: false, ...over,
});
const summary = (spans: SkeinSpanJson[]): TraceSummary => ({ traceId: 't', rootServiceName: 'svc', rootName: 'root', startTimeUnixNano: '0', durationNanos: '1000000000', spanCount: spans.length, errorCount: 1, services: [{ name: 'svc', spanCount: spans.length }] });

test('children sorted by start under their parent; orphans at the top; shared halves under their client', () => {
  const spans = [
    span('c', 'a', 'second', 500, 10),
    span('a', '', 'root', 0, 1000),
    span('b', 'a', 'first', 100, 10, { kind: 'client' }),
    span('b', 'b0', 'first-server', 110, 5, { shared: true }),
    span('x', 'missing', 'orphan', 50, 10),
  ];
  const roots = buildTree(spans);
  assert.deepEqual(roots.map((r) => r.span.name), ['root', 'orphan']);
  assert.deepEqual(roots[0]!.children.map((c) => c.span.name), ['first', 'second']);
  assert.deepEqual(roots[0]!.children[0]!.children.map((c) => c.span.name), ['first-server']);
});

test('rendering: tree glyphs, durations, bars, and errors marked', () => {
  const spans = [
    span('a', '', 'root', 0, 1_000_000_000),
    span('b', 'a', 'call', 500_000_000, 250_000_000, { kind: 'client', status: { code: 'error', message: 'timeout' } }),
    span('c', 'a', 'db', 0, 10_000_000, { kind: 'internal' }),
  ];
  const out = renderWaterfall(summary(spans), spans, { width: 100, color: false }).split('\n');
  assert.match(out[0]!, /^Trace t {2}· {2}1970-01-01T00:00:00\.000Z {2}· {2}1s {2}· {2}3 spans {2}· {2}1 service \(svc\) {2}· {2}1 error$/);
  assert.match(out[2]!, /^root · svc server +1s │█{35}│$/);
  assert.match(out[3]!, /^├─ db · svc internal +10ms │█ {34}│$/);
  assert.match(out[4]!, /^└─ call · svc client ✗ timeout +250ms │ {17}█{9} {9}│$/);
});
