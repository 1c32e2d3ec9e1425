import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedMap, shopMap } from './map-fixtures.js';
import { EDGE_LABEL, MAX_LABEL_CHARS, NODE_MAX_WIDTH, NODE_MIN_WIDTH, layoutServiceMap, nodeWidth, truncateLabel, type MapLayout } from './map-layout.js';

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const labelBox = (l: MapLayout['edges'][number]): Rect => ({ x: l.labelAt.x - EDGE_LABEL.width / 2, y: l.labelAt.y - EDGE_LABEL.height / 2, ...EDGE_LABEL });

function assertReadable(layout: MapLayout): void {
  for (let i = 0; i < layout.nodes.length; i++) {
    const a = layout.nodes[i]!;
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width + 1e-6 && a.y + a.height <= layout.height + 1e-6, `${a.node.id} lies inside the drawing`);
    for (let j = i + 1; j < layout.nodes.length; j++) assert.ok(!overlap(a, layout.nodes[j]!), `${a.node.id} overlaps ${layout.nodes[j]!.node.id}`);
  }
  // Edge labels have room of their own: none sits on a node box or on another label.
  const labels = layout.edges.map(labelBox);
  for (const [i, l] of labels.entries()) {
    for (const n of layout.nodes) assert.ok(!overlap(l, n), `label of ${JSON.stringify(layout.edges[i]!.edge)} lies on ${n.node.id}`);
    for (let j = i + 1; j < labels.length; j++) assert.ok(!overlap(l, labels[j]!), 'two edge labels overlap');
  }
  for (const e of layout.edges) {
    assert.ok(e.points.length >= 2, 'every edge has a route');
    assert.ok(e.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
  }
}

test('50 services (plus databases and external peers, with cycles): no two boxes overlap, labels have room', () => {
  for (const seed of [1, 2, 3]) {
    const map = generatedMap(50, seed);
    const layout = layoutServiceMap(map);
    assert.equal(layout.nodes.length, 53);
    assert.equal(layout.edges.length, map.edges.length);
    assertReadable(layout);
  }
});

test('left to right: callers sit left of their callees (outside cycles)', () => {
  const layout = layoutServiceMap(shopMap());
  const at = new Map(layout.nodes.map((n) => [n.node.id, n]));
  for (const e of layout.edges) {
    const s = at.get(e.edge.source)!;
    const t = at.get(e.edge.target)!;
    assert.ok(s.x + s.width <= t.x, `${e.edge.source} left of ${e.edge.target}`);
    // The route runs from the caller's right side to the callee's left side.
    assert.ok(Math.abs(e.points[0]!.x - (s.x + s.width)) < 1 && Math.abs(e.points.at(-1)!.x - t.x) < 1);
  }
  assertReadable(layout);
});

test('the same map in any order gets the same picture', () => {
  const map = generatedMap(20, 7);
  const a = layoutServiceMap(map);
  const b = layoutServiceMap({ nodes: [...map.nodes].reverse(), edges: [...map.edges].reverse() });
  const pos = (l: MapLayout) => Object.fromEntries(l.nodes.map((n) => [n.node.id, [n.x, n.y]]));
  assert.deepEqual(pos(a), pos(b));
});

test('edges to unknown nodes are left out; a self-call and an empty map do not break the layout', () => {
  const map = shopMap();
  const layout = layoutServiceMap({ nodes: map.nodes, edges: [...map.edges, { ...map.edges[0]!, target: 'service:nowhere' }, { ...map.edges[0]!, target: map.edges[0]!.source }] });
  assert.equal(layout.edges.length, map.edges.length + 1);
  assert.ok(layout.edges.every((e) => e.points.every((p) => Number.isFinite(p.x))));
  const empty = layoutServiceMap({ nodes: [], edges: [] });
  assert.deepEqual(empty.nodes, []);
  assert.ok(empty.width >= 1 && empty.height >= 1);
});

test('long names are cut with "…" (never inside an emoji) and boxes stay within bounds', () => {
  assert.equal(truncateLabel('checkout'), 'checkout');
  const long = 'x'.repeat(10_000);
  assert.equal(Array.from(truncateLabel(long)).length, MAX_LABEL_CHARS);
  assert.ok(truncateLabel(long).endsWith('…'));
  const emoji = '🔥'.repeat(40);
  assert.equal(truncateLabel(emoji), `${'🔥'.repeat(MAX_LABEL_CHARS - 1)}…`);
  assert.equal(nodeWidth('a'), NODE_MIN_WIDTH);
  assert.equal(nodeWidth(long), NODE_MAX_WIDTH);
  assert.ok(nodeWidth(truncateLabel(long)) > NODE_MIN_WIDTH && nodeWidth(truncateLabel(long)) <= NODE_MAX_WIDTH);
  const laid = layoutServiceMap({ nodes: [{ id: 'service:x', kind: 'service', name: long, spanCount: 1, errorCount: 0, operations: [] }], edges: [] });
  assert.equal(laid.nodes[0]!.label, truncateLabel(long));
  assert.equal(laid.nodes[0]!.node.name, long, 'the full name is kept for the tooltip and panel');
});
