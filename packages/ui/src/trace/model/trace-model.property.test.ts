import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildTraceTree } from './build-trace-tree.js';
import { computeCriticalPath } from './critical-path.js';
import { findSiblingRuns } from './sibling-runs.js';
import { selfTime } from './trace-statistics.js';
import { INITIAL_EXPANSION, toggleRun, visibleRows } from './visible-rows.js';
import { FIXTURE_TRACE_ID, fixtureSpan, type FixtureSpan } from './trace-fixtures.js';

/**
 * Arbitrary traces, including the messy ones clients really send: ids from a small alphabet (so
 * duplicates, shared halves, cycles and self-parents happen), missing parents, several roots,
 * skewed and zero-length spans, and repeated names (so sibling runs form).
 */
const arbitraryTrace = fc.array(
  fc.record({
    id: fc.integer({ min: 1, max: 40 }),
    parent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 45 })),
    name: fc.constantFrom('a', 'b', 'SELECT'),
    service: fc.constantFrom('x', 'y'),
    start: fc.integer({ min: 0, max: 1000 }),
    length: fc.integer({ min: 0, max: 500 }),
    shared: fc.boolean(),
  }),
  { maxLength: 60 },
);

type Generated = { id: number; parent: number; name: string; service: string; start: number; length: number; shared: boolean };

const toSpans = (list: readonly Generated[]) =>
  list.map((r) => {
    const f: FixtureSpan = { id: r.id.toString(16), name: r.name, service: r.service, start: r.start, end: r.start + r.length, shared: r.shared };
    if (r.parent > 0) f.parent = r.parent.toString(16);
    return fixtureSpan(f);
  });

test('every span appears once, under a parent that lists it, one level deeper', () => {
  fc.assert(
    fc.property(arbitraryTrace, (list) => {
      const tree = buildTraceTree(FIXTURE_TRACE_ID, toSpans(list));
      assert.deepEqual([...tree.preorder].sort((a, b) => a - b), tree.nodes.map((n) => n.index));
      for (const node of tree.nodes) {
        if (node.parent < 0) {
          assert.equal(node.depth, 0);
          assert.ok(tree.roots.includes(node.index));
        } else {
          assert.equal(node.depth, tree.nodes[node.parent]!.depth + 1);
          assert.ok(tree.nodes[node.parent]!.children.includes(node.index));
        }
        const self = selfTime(tree, node.index);
        assert.ok(self >= 0 && self <= node.duration);
      }
    }),
    { numRuns: 300 },
  );
});

test('with every run expanded the rows are the whole tree in order; collapsed runs only hide', () => {
  fc.assert(
    fc.property(arbitraryTrace, fc.integer({ min: 2, max: 5 }), (list, minRun) => {
      const tree = buildTraceTree(FIXTURE_TRACE_ID, toSpans(list));
      const runs = findSiblingRuns(tree, minRun);
      let open = INITIAL_EXPANSION;
      for (const r of runs.runs) open = toggleRun(open, r.id);
      assert.deepEqual(visibleRows(tree, runs, open), tree.preorder);
      const collapsed = visibleRows(tree, runs, INITIAL_EXPANSION);
      const spanRows = collapsed.filter((r) => r >= 0);
      const order = new Map(tree.preorder.map((i, k) => [i, k]));
      for (let k = 1; k < spanRows.length; k++) assert.ok(order.get(spanRows[k]!)! > order.get(spanRows[k - 1]!)!, 'rows keep tree order');
      for (const r of spanRows) assert.equal(runs.runOf[r], -1, 'no member of a collapsed run is shown');
    }),
    { numRuns: 300 },
  );
});

test('the critical path tiles the root span exactly, from its end back to its start', () => {
  fc.assert(
    fc.property(arbitraryTrace, (list) => {
      const tree = buildTraceTree(FIXTURE_TRACE_ID, toSpans(list));
      const { sections } = computeCriticalPath(tree);
      if (tree.roots.length === 0) return assert.equal(sections.length, 0);
      const root = tree.nodes[tree.roots[0]!]!;
      let at = root.end;
      for (const s of sections) {
        assert.equal(s.end, at, 'contiguous');
        assert.ok(s.start < s.end);
        at = s.start;
      }
      assert.equal(at, root.start);
    }),
    { numRuns: 300 },
  );
});
