import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { httpRouteOf, joinMountedRoute, setHttpRoute } from './http-route.js';

const fakeRequest = (fields: Record<string, unknown>) => fields as unknown as IncomingMessage;

describe('http route detection', () => {
  it('joins mount paths and route paths without doubled or missing slashes', () => {
    assert.equal(joinMountedRoute('/api', '/users/:id'), '/api/users/:id');
    assert.equal(joinMountedRoute('/api/', '/users'), '/api/users');
    assert.equal(joinMountedRoute('/api', '/'), '/api');
    assert.equal(joinMountedRoute('', '/'), '/');
    assert.equal(joinMountedRoute('/api', 'x'), '/api/x');
  });
  it("reads Express's req.route and req.baseUrl", () => {
    assert.equal(httpRouteOf(fakeRequest({ route: { path: '/items/:id' }, baseUrl: '' })), '/items/:id');
    assert.equal(httpRouteOf(fakeRequest({ route: { path: '/:id' }, baseUrl: '/users' })), '/users/:id');
    assert.equal(httpRouteOf(fakeRequest({ route: { path: /regex/ } })), undefined);
    assert.equal(httpRouteOf(fakeRequest({})), undefined);
  });
  it('prefers a route set explicitly, and ignores empty ones', () => {
    const request = fakeRequest({ route: { path: '/express' } });
    setHttpRoute(request, '');
    assert.equal(httpRouteOf(request), '/express');
    setHttpRoute(request, '/explicit');
    assert.equal(httpRouteOf(request), '/explicit');
  });
});
