import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activitiesFrom, activitiesIn, rankActivities } from './activities.js';

test('activitiesFrom: the requested number, ids and source set', () => {
  const list = activitiesFrom('api-03', 5);
  assert.equal(list.length, 5);
  assert.deepEqual(list.map((a) => a.id), ['api-03-1', 'api-03-2', 'api-03-3', 'api-03-4', 'api-03-5']);
  assert.ok(list.every((a) => a.source === 'api-03'));
});

test('activitiesIn: keeps well-formed activities, ignores any other shape', () => {
  assert.deepEqual(activitiesIn(null), []);
  assert.deepEqual(activitiesIn({ activities: 'x' }), []);
  assert.deepEqual(activitiesIn({ activities: [{ id: 'a', kind: 'run', source: 's', title: 't' }, { id: 3 }, null] }), [{ id: 'a', kind: 'run', source: 's', title: 't' }]);
});

test('rankActivities: counts every list, most frequent kind first, sources listed once', () => {
  const home = rankActivities([activitiesFrom('api-02', 3), activitiesFrom('api-03', 2)]);
  assert.equal(home.count, 5);
  assert.deepEqual(home.sources, ['api-02', 'api-03']);
  // hike: api-02-1, api-03-1; ride: api-02-2, api-03-2; run: api-02-3.
  assert.equal(home.topKind, 'hike');
  assert.deepEqual(home.activities.map((a) => a.id), ['api-02-1', 'api-03-1', 'api-02-2', 'api-03-2', 'api-02-3']);
  assert.deepEqual(rankActivities([]), { count: 0, sources: [], topKind: undefined, activities: [] });
});
