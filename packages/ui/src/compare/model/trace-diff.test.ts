import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from '../../trace/model/build-trace-tree.js';
import type { SpanJson } from '../../trace/model/trace-json.js';
import { FIXTURE_TRACE_ID, fixtureTrace } from '../../trace/model/trace-fixtures.js';
import { CHECKOUT_A, CHECKOUT_B, LOOP } from './diff-fixtures.js';
import { diffTraces, isChange, type DiffNode, type DiffOptions } from './trace-diff.js';

const ms = 1_000_000;
const diff = (a: SpanJson[], b: SpanJson[], options?: DiffOptions) => diffTraces(buildTraceTree(FIXTURE_TRACE_ID, a), buildTraceTree(FIXTURE_TRACE_ID, b), options);
/** The merged tree as indented "kind service:name" lines, easy to read in a failure. */
const outline = (roots: readonly DiffNode[]): string[] => {
  const lines: string[] = [];
  const walk = (n: DiffNode) => {
    lines.push(`${'  '.repeat(n.depth)}${n.kind} ${n.serviceName}:${n.name}${n.group ? ` [${n.countA} vs ${n.countB}]` : ''}`);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return lines;
};
const find = (roots: readonly DiffNode[], name: string): DiffNode => {
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.name === name) return n;
    stack.push(...n.children);
  }
  assert.fail(`no row named ${name}`);
};

test('a trace against itself: every span on both sides, no deltas, nothing changed', () => {
  const d = diff(CHECKOUT_A(), CHECKOUT_A());
  assert.ok(d.nodes.every((n) => n.kind === 'both' && n.delta === 0 && !n.changed && !n.subtreeChanged));
  assert.deepEqual(d.counts, { both: 5, onlyA: 0, onlyB: 0, changed: 0 });
});

test('the merged tree: extra span only-b, missing span only-a, slower span with its delta', () => {
  const d = diff(CHECKOUT_A(), CHECKOUT_B());
  assert.deepEqual(outline(d.roots), [
    'both frontend:GET /checkout',
    '  both cart:cart.get',
    '  both payment:payment.charge',
    '    both db:SELECT accounts',
    '    only-b fraud:fraud.check',
    '  only-a notify:email.send',
  ]);
  const select = find(d.roots, 'SELECT accounts');
  assert.equal(select.durationA, 50 * ms);
  assert.equal(select.durationB, 130 * ms);
  assert.equal(select.delta, 80 * ms);
  assert.equal(select.deltaRatio, 1.6);
  assert.ok(select.changed);
  assert.ok(!find(d.roots, 'cart.get').changed, 'an unchanged span is not marked');
  assert.ok(!find(d.roots, 'cart.get').subtreeChanged);
  assert.ok(find(d.roots, 'GET /checkout').subtreeChanged, 'ancestors of a change lead to it');

  const fraud = find(d.roots, 'fraud.check');
  assert.deepEqual([fraud.countA, fraud.countB, fraud.durationA, fraud.durationB, fraud.delta, fraud.deltaRatio], [0, 1, 0, 10 * ms, 10 * ms, undefined]);
  assert.equal(fraud.spanIdA, undefined);
  assert.equal(fraud.spanIdB, 'b6'.padStart(16, '0'));
  const email = find(d.roots, 'email.send');
  assert.equal(email.delta, -10 * ms, 'a missing span counts as time saved');
  assert.equal(email.spanIdA, 'a5'.padStart(16, '0'));
  assert.deepEqual(d.counts, { both: 4, onlyA: 1, onlyB: 1, changed: 3 }, 'changed: SELECT, payment.charge and the root');
});

test('matching ignores span ids and arrival order', () => {
  const b = CHECKOUT_B().reverse();
  assert.deepEqual(outline(diff(CHECKOUT_A(), b).roots), outline(diff(CHECKOUT_A(), CHECKOUT_B()).roots));
});

test('siblings with the same service and operation are matched in start order; extras are one-sided', () => {
  const a = fixtureTrace([
    { id: 'r', name: 'root', start: 0, end: 100 },
    { id: 'x1', parent: 'r', name: 'fetch', start: 10, end: 20 },
    { id: 'x2', parent: 'r', name: 'fetch', start: 30, end: 40 },
  ]);
  const b = fixtureTrace([
    { id: 'r', name: 'root', start: 0, end: 100 },
    { id: 'y3', parent: 'r', name: 'fetch', start: 50, end: 90 },
    { id: 'y1', parent: 'r', name: 'fetch', start: 10, end: 20 },
    { id: 'y2', parent: 'r', name: 'fetch', start: 30, end: 35 },
  ]);
  const fetches = diff(a, b).roots[0]!.children;
  assert.deepEqual(
    fetches.map((n) => [n.kind, n.spanIdA?.replace(/^0+/, ''), n.spanIdB?.replace(/^0+/, ''), n.delta / ms]),
    [
      ['both', 'x1', 'y1', 0],
      ['both', 'x2', 'y2', -5],
      ['only-b', undefined, 'y3', 40],
    ],
  );
});

test('the same operation in another service, or under another parent, is a different span', () => {
  const a = fixtureTrace([
    { id: 'r', name: 'root', start: 0, end: 100 },
    { id: 'p', parent: 'r', name: 'parent-one', start: 1, end: 50 },
    { id: 'c', parent: 'p', name: 'work', service: 'svc-1', start: 2, end: 10 },
  ]);
  const b = fixtureTrace([
    { id: 'r', name: 'root', start: 0, end: 100 },
    { id: 'p', parent: 'r', name: 'parent-one', start: 1, end: 50 },
    { id: 'c', parent: 'p', name: 'work', service: 'svc-2', start: 2, end: 10 },
    { id: 'q', parent: 'r', name: 'parent-two', start: 60, end: 70 },
    { id: 'd', parent: 'q', name: 'work', service: 'svc-1', start: 61, end: 69 },
  ]);
  assert.deepEqual(outline(diff(a, b).roots), [
    'both frontend:root',
    '  both frontend:parent-one',
    '    only-a svc-1:work',
    '    only-b svc-2:work',
    '  only-b frontend:parent-two',
    '    only-b svc-1:work',
  ]);
});

test('everything under a one-sided span is one-sided too, and counted', () => {
  const d = diff(CHECKOUT_A(), fixtureTrace([{ id: 'r', name: 'GET /checkout', service: 'frontend', start: 0, end: 10 }]));
  assert.deepEqual(outline(d.roots), [
    'both frontend:GET /checkout',
    '  only-a cart:cart.get',
    '  only-a payment:payment.charge',
    '    only-a db:SELECT accounts',
    '  only-a notify:email.send',
  ]);
  assert.deepEqual(d.counts, { both: 1, onlyA: 4, onlyB: 0, changed: 1 });
});

test('repeated siblings are one group row: counts and total durations side by side, members pooled below', () => {
  const d = diff(LOOP('a', 342, 2), LOOP('b', 340, 3));
  assert.deepEqual(outline(d.roots), ['both api:GET /users', '  both db:SELECT users [342 vs 340]', '    both db:decode row [342 vs 340]']);
  const select = d.roots[0]!.children[0]!;
  assert.equal(select.group, true);
  assert.equal(select.durationA, 342 * 2 * ms);
  assert.equal(select.durationB, 340 * 3 * ms);
  assert.equal(select.delta, (1020 - 684) * ms);
  assert.ok(select.changed);
  assert.deepEqual(d.counts, { both: 1 + 340 + 340, onlyA: 4, onlyB: 0, changed: 3 });
  assert.equal(d.nodes.length, 3, 'a 1,365-span comparison stays three rows');
});

test('a group on one side only, and the group threshold', () => {
  const d = diff(LOOP('a', 6, 1), fixtureTrace([{ id: 'r', name: 'GET /users', service: 'api', start: 0, end: 9 }]));
  const select = d.roots[0]!.children[0]!;
  assert.deepEqual([select.kind, select.group, select.countA, select.countB], ['only-a', true, 6, 0]);
  // Below the threshold, repeated siblings are matched one by one.
  const small = diff(LOOP('a', 3, 1), LOOP('b', 4, 1));
  assert.deepEqual(
    small.roots[0]!.children.map((n) => `${n.kind} ${n.name}`),
    ['both SELECT users', 'both SELECT users', 'both SELECT users', 'only-b SELECT users'],
  );
  assert.equal(diff(LOOP('a', 3, 1), LOOP('b', 4, 1), { minGroup: 4 }).roots[0]!.children.length, 1);
});

test('several roots and empty traces', () => {
  const two = fixtureTrace([
    { id: 'r1', name: 'first', start: 0, end: 10 },
    { id: 'r2', name: 'second', start: 20, end: 30 },
  ]);
  // Each side's times count from its own start, so which root comes first is not asserted.
  assert.deepEqual(outline(diff(two, two.slice(1)).roots).sort(), ['both frontend:second', 'only-a frontend:first']);
  const none = diff([], []);
  assert.deepEqual([none.roots.length, none.nodes.length], [0, 0]);
  assert.deepEqual(diff([], two).counts, { both: 0, onlyA: 0, onlyB: 2, changed: 0 });
});

test('nodes are listed parents first, each at its own id, one level under its parent', () => {
  const d = diff(CHECKOUT_A(), CHECKOUT_B());
  d.nodes.forEach((n, i) => {
    assert.equal(n.id, i);
    for (const c of n.children) {
      assert.ok(c.id > n.id);
      assert.equal(c.depth, n.depth + 1);
    }
  });
});

test('isChange: a count change always; a time change when big enough in share and in size', () => {
  assert.equal(isChange(3, 4, 10 * ms, 0), true);
  assert.equal(isChange(1, 1, 100 * ms, 5 * ms), false, '5 % is noise');
  assert.equal(isChange(1, 1, 100 * ms, -10 * ms), true, 'faster counts too');
  assert.equal(isChange(1, 1, 3, 3), false, '3ns → 6ns is not worth a look');
  assert.equal(isChange(1, 1, 0, 2_000), true);
});

test('a 100k-deep chain does not overflow the stack', () => {
  const chain = (n: number, prefix: string) =>
    fixtureTrace(Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i.toString(16)}`, ...(i > 0 ? { parent: `${prefix}${(i - 1).toString(16)}` } : {}), name: 'step', start: i * 0.001, end: n })));
  const d = diff(chain(100_000, 'a'), chain(99_999, 'b'));
  assert.equal(d.counts.both, 99_999);
  assert.equal(d.counts.onlyA, 1);
  assert.equal(d.nodes.at(-1)!.kind, 'only-a');
});
