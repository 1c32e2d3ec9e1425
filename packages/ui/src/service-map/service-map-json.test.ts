import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shopMap } from './map-fixtures.js';
import { edgeKey, readServiceMap } from './service-map-json.js';

test('a well-formed answer reads back unchanged', () => {
  const map = shopMap();
  assert.deepEqual(readServiceMap(JSON.parse(JSON.stringify(map))), map);
});

test('not a service map at all: undefined', () => {
  for (const body of [undefined, null, 'text', 42, [], {}, { nodes: [] }, { edges: [] }, { nodes: {}, edges: [] }]) {
    assert.equal(readServiceMap(body), undefined, JSON.stringify(body));
  }
});

test('malformed entries are dropped or repaired, never passed on', () => {
  const map = readServiceMap({
    start: 'yesterday',
    end: 5e18,
    nodes: [
      null,
      { id: '' },
      { id: 'service:a', kind: 'martian', name: 7, spanCount: -3, errorCount: 2.7, operations: [{ name: 'x', count: 'many', p50Nanos: '-5', p99Nanos: '12' }, 'junk'] },
      { id: 'service:a', kind: 'database', name: 'duplicate' },
    ],
    edges: [{ source: 'service:a' }, { source: 'service:a', target: 'service:a', callCount: 1.5 }],
  })!;
  assert.equal(map.start, '0');
  assert.equal(map.end, '5000000000000000000');
  assert.deepEqual(map.nodes, [
    { id: 'service:a', kind: 'service', name: 'service:a', spanCount: 0, errorCount: 2, operations: [{ name: 'x', kind: '', count: 0, errorCount: 0, p50Nanos: '0', p99Nanos: '12' }] },
  ]);
  assert.deepEqual(map.edges, [{ source: 'service:a', target: 'service:a', callCount: 1, errorCount: 0, p50Nanos: '0', p99Nanos: '0' }]);
});

test('an edge to a node the answer does not list gets a node read from its id; duplicate edges keep the first', () => {
  const map = readServiceMap({
    start: '0',
    end: '1',
    nodes: [],
    edges: [
      { source: 'service:web', target: 'database:mysql', callCount: 4 },
      { source: 'service:web', target: 'database:mysql', callCount: 99 },
      { source: 'service:web', target: 'plain-id', callCount: 1 },
    ],
  })!;
  assert.deepEqual(
    map.nodes.map((n) => [n.id, n.kind, n.name]),
    [
      ['service:web', 'service', 'web'],
      ['database:mysql', 'database', 'mysql'],
      ['plain-id', 'service', 'plain-id'],
    ],
  );
  assert.deepEqual(map.edges.map((e) => e.callCount), [4, 1]);
});

test('edgeKey tells apart ids that a separator would confuse', () => {
  assert.notEqual(edgeKey('a>b', 'c'), edgeKey('a', 'b>c'));
  assert.equal(edgeKey('a', 'b'), edgeKey('a', 'b'));
});
