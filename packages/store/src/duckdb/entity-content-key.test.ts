import { test } from 'node:test';
import assert from 'node:assert/strict';
import { array, attr, bool, bytes, double, int, str, type Attribute, type Resource } from '@skein/model';
import { resourceContentKey, scopeContentKey } from './entity-content-key.js';
import { ResourceRegistry, ScopeRegistry, type PendingEntities } from './entity-registry.js';

const resource = (attributes: Attribute[], droppedAttributesCount = 0): Resource => ({ attributes, droppedAttributesCount });

test('content keys are equal for equal contents and differ for every kind of difference', () => {
  const base = [attr('service.name', str('cart')), attr('pid', int(42)), attr('ratio', double(0.5)), attr('up', bool(true))];
  assert.equal(resourceContentKey(resource(base)), resourceContentKey(resource(base.map((a) => ({ ...a })))));
  const variants: Resource[] = [
    resource(base),
    resource(base, 1),
    resource([...base].reverse()),
    resource([attr('service.name', str('cart')), attr('pid', str('42'))]),
    resource([attr('service.name', str('cart')), attr('pid', int(42))]),
    resource([attr('service.name', str('cart')), attr('pid', double(42))]),
    resource([attr('ratio', double(0))]),
    resource([attr('ratio', double(-0))]),
    resource([attr('up', bool(false))]),
    // Keys and values that would run together without length prefixes.
    resource([attr('a', str('b1:c'))]),
    resource([attr('a', str('b')), attr('c', str(''))]),
    resource([attr('ab', str('')), attr('c', str(''))]),
    resource([attr('a', str('\ud800'))]),
    resource([]),
  ];
  const keys = variants.map(resourceContentKey);
  assert.ok(keys.every((k) => k !== undefined));
  assert.equal(new Set(keys).size, keys.length, 'every variant has its own key');
  assert.notEqual(scopeContentKey({ name: 'ab', version: '', attributes: [] }), scopeContentKey({ name: 'a', version: 'b', attributes: [] }));
});

test('entities with bytes or nested values have no quick key', () => {
  assert.equal(resourceContentKey(resource([attr('blob', bytes(new Uint8Array([1])))])), undefined);
  assert.equal(scopeContentKey({ name: 'x', version: '1', attributes: [attr('list', array([str('a')]))] }), undefined);
});

test('the registries give a freshly decoded copy of a committed entity its id, and new content a new id', () => {
  const resources = new ResourceRegistry();
  const pending: PendingEntities<Resource> = new Map();
  const first = resource([attr('service.name', str('cart')), attr('host', str('h1'))]);
  const id = resources.idOf(first, pending);
  resources.commit(pending);
  const next: PendingEntities<Resource> = new Map();
  assert.equal(resources.idOf(resource([attr('service.name', str('cart')), attr('host', str('h1'))]), next), id);
  const other = resources.idOf(resource([attr('service.name', str('cart')), attr('host', str('h2'))]), next);
  assert.notEqual(other, id);
  assert.equal(next.size, 1);
  // Nested values take the encoded path and are still recognised once committed.
  const scopes = new ScopeRegistry();
  const tx: PendingEntities<{ name: string; version: string; attributes: Attribute[] }> = new Map();
  const nested = () => ({ name: 's', version: '1', attributes: [attr('list', array([int(1), str('x')]))] });
  const scopeId = scopes.idOf(nested(), tx);
  scopes.commit(tx);
  assert.equal(scopes.idOf(nested(), new Map()), scopeId);
});
