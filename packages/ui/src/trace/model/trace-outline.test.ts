import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachPayloads } from './attach-payloads.js';
import { buildTraceTree } from './build-trace-tree.js';
import { findInTrace } from './find-in-trace.js';
import { FIXTURE_TRACE_ID, fixtureSpan } from './trace-fixtures.js';
import type { SpanJson } from './trace-json.js';
import { spansFromOutline, type TraceOutlineJson } from './trace-outline.js';

const full: SpanJson[] = [
  fixtureSpan({ id: '1', name: 'GET /', service: 'front', kind: 'server', start: 0, end: 100 }),
  fixtureSpan({ id: '2', parent: '1', name: 'rpc', service: 'front', kind: 'client', start: 10, end: 60 }),
  fixtureSpan({ id: '2', parent: '1', name: 'rpc', service: 'back', kind: 'server', start: 12, end: 52, shared: true }),
  fixtureSpan({ id: '3', parent: '2', name: 'SELECT', service: 'back', kind: 'client', start: 20, end: 25, error: true, attributes: { 'db.statement': 'select * from users' } }),
];

/** The outline the server would send for `full` (columns, interned strings). */
function outlineOf(spans: readonly SpanJson[]): TraceOutlineJson {
  const strings: string[] = [];
  const intern = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const base = spans.map((s) => BigInt(s.startTimeUnixNano)).reduce((a, b) => (b < a ? b : a));
  return {
    traceId: FIXTURE_TRACE_ID,
    spanCount: spans.length,
    startUnixNano: base.toString(),
    strings,
    spanId: spans.map((s) => s.spanId),
    parentSpanId: spans.map((s) => s.parentSpanId),
    service: spans.map((s) => intern(s.serviceName)),
    name: spans.map((s) => intern(s.name)),
    kind: spans.map((s) => intern(s.kind)),
    startOffsetNanos: spans.map((s) => Number(BigInt(s.startTimeUnixNano) - base)),
    durationNanos: spans.map((s) => Number(s.durationNanos)),
    status: spans.map((s) => ['unset', 'ok', 'error'].indexOf(s.status.code)),
    statusMessage: spans.map((s) => intern(s.status.message)),
    shared: spans.flatMap((s, i) => (s.shared ? [i] : [])),
  };
}

test('outline spans carry everything the waterfall needs, and nothing else', () => {
  const spans = spansFromOutline(outlineOf(full));
  assert.equal(spans.length, 4);
  spans.forEach((s, i) => {
    const f = full[i]!;
    assert.deepEqual(
      { ...s },
      { ...f, attributes: [], resource: [], scope: { name: '', version: '' }, events: [], links: [], outline: true },
    );
  });
});

test('a tree built from the outline has the same shape as one built from the full trace', () => {
  const fromOutline = buildTraceTree(FIXTURE_TRACE_ID, spansFromOutline(outlineOf(full)));
  const fromFull = buildTraceTree(FIXTURE_TRACE_ID, full);
  const shape = (t: typeof fromFull) => ({ pre: t.preorder, roots: t.roots, errors: t.errorCount, depth: t.depth, services: t.services, nodes: t.nodes.map((n) => [n.parent, n.placement, n.start, n.end, n.skew]) });
  assert.deepEqual(shape(fromOutline), shape(fromFull));
});

test('payloads replace outline spans in place, matched by id and shared half; find then sees attributes', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, spansFromOutline(outlineOf(full)));
  assert.deepEqual(findInTrace(tree, 'users'), []);
  assert.equal(attachPayloads(tree, [full[3]!, full[2]!]), 2);
  assert.equal(tree.nodes[3]!.span, full[3]);
  assert.equal(tree.nodes[2]!.span, full[2], 'the shared server half, not the client half with the same id');
  assert.equal(tree.nodes[1]!.span.outline, true, 'not attached: still the outline');
  assert.deepEqual(findInTrace(tree, 'users'), [3]);
  assert.equal(attachPayloads(tree, full), 2, 'only spans still in outline form count');
  assert.ok(tree.nodes.every((n) => !n.span.outline));
});

test('an answer that is not an outline is refused rather than drawn wrong', () => {
  const good = outlineOf(full);
  assert.throws(() => spansFromOutline({ ...good, spanId: good.spanId.slice(1) }), /malformed/);
  assert.throws(() => spansFromOutline({ ...good, spanCount: -1 }), /malformed/);
  assert.throws(() => spansFromOutline({ ...good, strings: undefined as unknown as string[] }), /malformed/);
  assert.deepEqual(spansFromOutline({ ...good, spanCount: 0, spanId: [], parentSpanId: [], service: [], name: [], kind: [], startOffsetNanos: [], durationNanos: [], status: [], statusMessage: [], shared: [] }), []);
});
