import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildTraceTree } from '../../trace/model/build-trace-tree.js';
import { FIXTURE_TRACE_ID, fixtureSpan, type FixtureSpan } from '../../trace/model/trace-fixtures.js';
import { DEFAULT_VIEW, diffRows } from './diff-rows.js';
import { diffTraces, type DiffNode } from './trace-diff.js';

/** Messy traces as in the trace model's property test: duplicate ids, missing parents, cycles, repeats. */
const arbitraryTrace = fc.array(
  fc.record({
    id: fc.integer({ min: 1, max: 30 }),
    parent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 35 })),
    name: fc.constantFrom('a', 'b', 'SELECT'),
    service: fc.constantFrom('x', 'y'),
    start: fc.integer({ min: 0, max: 1000 }),
    length: fc.integer({ min: 0, max: 500 }),
  }),
  { maxLength: 40 },
);
const tree = (list: ReadonlyArray<{ id: number; parent: number; name: string; service: string; start: number; length: number }>) =>
  buildTraceTree(
    FIXTURE_TRACE_ID,
    list.map((r) => {
      const f: FixtureSpan = { id: r.id.toString(16), name: r.name, service: r.service, start: r.start, end: r.start + r.length };
      if (r.parent > 0) f.parent = r.parent.toString(16);
      return fixtureSpan(f);
    }),
  );

test('every span of each trace is accounted for exactly once, and the counts agree with the rows', () => {
  fc.assert(
    fc.property(arbitraryTrace, arbitraryTrace, fc.integer({ min: 2, max: 6 }), (la, lb, minGroup) => {
      const a = tree(la);
      const b = tree(lb);
      const d = diffTraces(a, b, { minGroup });
      let inA = 0;
      let inB = 0;
      for (const n of d.nodes) {
        inA += n.countA;
        inB += n.countB;
        assert.equal(n.kind, n.countA > 0 && n.countB > 0 ? 'both' : n.countA > 0 ? 'only-a' : 'only-b');
        assert.equal(n.delta, n.durationB - n.durationA);
        assert.ok(n.group || (n.countA <= 1 && n.countB <= 1));
        // Nothing one-sided has a matched row under it.
        if (n.kind !== 'both') for (const c of n.children) assert.equal(c.kind, n.kind);
        if (n.changed || n.kind !== 'both') assert.ok(n.subtreeChanged);
        for (const c of n.children) if (c.subtreeChanged) assert.ok(n.subtreeChanged);
      }
      assert.equal(inA, a.nodes.length);
      assert.equal(inB, b.nodes.length);
      assert.equal(d.counts.both + d.counts.onlyA, a.nodes.length);
      assert.equal(d.counts.both + d.counts.onlyB, b.nodes.length);
      assert.equal(diffRows(d, DEFAULT_VIEW).length, d.nodes.length, 'every row is shown once when all is open');
    }),
    { numRuns: 300 },
  );
});

test('a trace against itself is all matched, with zero deltas', () => {
  fc.assert(
    fc.property(arbitraryTrace, (list) => {
      const d = diffTraces(tree(list), tree(list));
      assert.ok(d.nodes.every((n: DiffNode) => n.kind === 'both' && n.delta === 0 && !n.subtreeChanged));
      assert.equal(d.counts.both, list.length);
    }),
    { numRuns: 300 },
  );
});
