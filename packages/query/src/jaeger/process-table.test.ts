import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, int, str, UNKNOWN_SERVICE, type Resource } from '@skein/model';
import { JaegerProcessTable } from './process-table.js';

const resource = (attributes: Resource['attributes']): Resource => ({ attributes, droppedAttributesCount: 0 });

describe('JaegerProcessTable', () => {
  it('numbers processes in order of first use and shares ids between equal resources', () => {
    const table = new JaegerProcessTable();
    const api = resource([attr('service.name', str('api')), attr('host.name', str('h1'))]);
    const apiCopy = resource([attr('host.name', str('h1')), attr('service.name', str('api'))]);
    const db = resource([attr('service.name', str('db'))]);
    assert.deepEqual([table.idFor(api), table.idFor(db), table.idFor(apiCopy), table.idFor(api)], ['p1', 'p2', 'p1', 'p1']);
    assert.deepEqual(table.processes(), {
      p1: { serviceName: 'api', tags: [{ key: 'host.name', type: 'string', value: 'h1' }] },
      p2: { serviceName: 'db', tags: [] },
    });
  });

  it('keeps same-service resources with different tags apart and sorts tags by key', () => {
    const table = new JaegerProcessTable();
    const a = table.idFor(resource([attr('service.name', str('api')), attr('pid', int(2)), attr('host.name', str('h'))]));
    const b = table.idFor(resource([attr('service.name', str('api')), attr('pid', int(3))]));
    assert.deepEqual([a, b], ['p1', 'p2']);
    assert.deepEqual(table.processes().p1!.tags, [
      { key: 'host.name', type: 'string', value: 'h' },
      { key: 'pid', type: 'int64', value: 2 },
    ]);
  });

  it('names a resource without service.name like the rest of Skein does', () => {
    const table = new JaegerProcessTable();
    table.idFor(resource([]));
    assert.deepEqual(table.processes(), { p1: { serviceName: UNKNOWN_SERVICE, tags: [] } });
  });
});
