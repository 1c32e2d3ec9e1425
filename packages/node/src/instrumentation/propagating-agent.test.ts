import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { installPropagatingGlobalAgents, nodePublishesClientRequestCreated, PropagatingHttpAgent, PropagatingHttpsAgent } from './propagating-agent.js';

describe('nodePublishesClientRequestCreated', () => {
  it('is true from 22.12 in the 22 line and from 23.2', () => {
    assert.equal(nodePublishesClientRequestCreated('20.20.2'), false);
    assert.equal(nodePublishesClientRequestCreated('22.11.0'), false);
    assert.equal(nodePublishesClientRequestCreated('22.12.0'), true);
    assert.equal(nodePublishesClientRequestCreated('23.1.0'), false);
    assert.equal(nodePublishesClientRequestCreated('23.2.0'), true);
    assert.equal(nodePublishesClientRequestCreated('24.0.0'), true);
  });
});

describe('installPropagatingGlobalAgents', () => {
  it('swaps in propagating agents with the same options and restores the originals', () => {
    const originalHttp = http.globalAgent;
    const originalHttps = https.globalAgent;
    const restore = installPropagatingGlobalAgents();
    try {
      assert.ok(http.globalAgent instanceof PropagatingHttpAgent);
      assert.ok(https.globalAgent instanceof PropagatingHttpsAgent);
      const options = (agent: http.Agent) => (agent as unknown as { options: Record<string, unknown> }).options;
      assert.equal(options(http.globalAgent)['keepAlive'], options(originalHttp)['keepAlive']);
      assert.equal(options(http.globalAgent)['timeout'], options(originalHttp)['timeout']);
      assert.equal(http.globalAgent.maxSockets, originalHttp.maxSockets);
    } finally {
      restore();
    }
    assert.equal(http.globalAgent, originalHttp);
    assert.equal(https.globalAgent, originalHttps);
  });

  it("leaves an application's own global agent alone", () => {
    const original = http.globalAgent;
    class CustomAgent extends http.Agent {}
    const custom = new CustomAgent();
    http.globalAgent = custom;
    try {
      const restore = installPropagatingGlobalAgents();
      assert.equal(http.globalAgent, custom);
      restore();
      assert.equal(http.globalAgent, custom);
    } finally {
      http.globalAgent = original;
      custom.destroy();
    }
  });
});
