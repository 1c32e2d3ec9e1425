import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, StatusCode } from '@skein/model';
import { jaegerTagFilters } from './tag-filters.js';

const tags = (entries: Array<[string, string]>) => new Map(entries);

describe('jaegerTagFilters', () => {
  it('gives one unconstrained filter for no tags', () => {
    assert.deepEqual(jaegerTagFilters(tags([])), [{ attributes: [] }]);
  });

  it('turns ordinary tags into ANDed attribute equalities', () => {
    assert.deepEqual(jaegerTagFilters(tags([['http.status_code', '500'], ['db.system', 'postgresql']])), [
      {
        attributes: [
          { key: 'http.status_code', op: '=', value: '500' },
          { key: 'db.system', op: '=', value: 'postgresql' },
        ],
      },
    ]);
  });

  it('lets error=true match the ERROR status or a literal error attribute', () => {
    assert.deepEqual(jaegerTagFilters(tags([['error', 'true']])), [
      { attributes: [], statusCode: StatusCode.ERROR },
      { attributes: [{ key: 'error', op: '=', value: 'true' }] },
    ]);
  });

  it('maps otel.status_code and span.kind onto the fields, keeping the other tags in every filter', () => {
    const filters = jaegerTagFilters(tags([['span.kind', 'client'], ['otel.status_code', 'OK'], ['peer.service', 'db']]));
    assert.equal(filters.length, 4);
    assert.deepEqual(filters[0], { attributes: [{ key: 'peer.service', op: '=', value: 'db' }], statusCode: StatusCode.OK, spanKind: SpanKind.CLIENT });
    for (const f of filters) assert.deepEqual(f.attributes.at(-1), { key: 'peer.service', op: '=', value: 'db' });
  });

  it('drops contradictory combinations and duplicates', () => {
    const filters = jaegerTagFilters(tags([['error', 'true'], ['otel.status_code', 'OK']]));
    assert.deepEqual(filters, [
      { attributes: [{ key: 'otel.status_code', op: '=', value: 'OK' }], statusCode: StatusCode.ERROR },
      { attributes: [{ key: 'error', op: '=', value: 'true' }], statusCode: StatusCode.OK },
      { attributes: [{ key: 'error', op: '=', value: 'true' }, { key: 'otel.status_code', op: '=', value: 'OK' }] },
    ]);
    assert.equal(jaegerTagFilters(tags([['error', 'true'], ['otel.status_code', 'ERROR']])).length, 4);
  });

  it('leaves unknown span.kind values and error=false as plain attributes', () => {
    assert.deepEqual(jaegerTagFilters(tags([['span.kind', 'weird'], ['error', 'false']])), [
      {
        attributes: [
          { key: 'span.kind', op: '=', value: 'weird' },
          { key: 'error', op: '=', value: 'false' },
        ],
      },
    ]);
  });
});
