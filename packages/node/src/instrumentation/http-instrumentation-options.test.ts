import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { httpInstrumentationOptionsFromEnv } from './http-instrumentation-options.js';

describe('httpInstrumentationOptionsFromEnv', () => {
  it('sets nothing for an empty environment', () => {
    assert.deepEqual(httpInstrumentationOptionsFromEnv({}), {});
  });
  it('reads ignore lists, keeping case and dropping empties', () => {
    const options = httpInstrumentationOptionsFromEnv({
      SKEIN_HTTP_IGNORE_PATHS: '/health, /Ready,,/internal/*',
      SKEIN_HTTP_IGNORE_OUTGOING: 'metadata.internal,http://169.254.169.254/',
    });
    assert.deepEqual(options.ignoreIncomingPaths, ['/health', '/Ready', '/internal/*']);
    assert.deepEqual(options.ignoreOutgoing, ['metadata.internal', 'http://169.254.169.254/']);
  });
  it('reads the four OpenTelemetry header-capture variables', () => {
    const options = httpInstrumentationOptionsFromEnv({
      OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SERVER_REQUEST: 'X-Request-Id, Authorization',
      OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SERVER_RESPONSE: 'content-type',
      OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_CLIENT_REQUEST: 'x-client',
      OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_CLIENT_RESPONSE: ' ',
    });
    assert.deepEqual(options.captureHeaders, {
      serverRequest: ['x-request-id', 'authorization'],
      serverResponse: ['content-type'],
      clientRequest: ['x-client'],
    });
  });
  it('reads the body capture size; 0 turns it off and junk is ignored', () => {
    assert.deepEqual(httpInstrumentationOptionsFromEnv({ SKEIN_HTTP_CAPTURE_REQUEST_BODY: '1024' }).captureRequestBody, { maxBytes: 1024 });
    assert.equal(httpInstrumentationOptionsFromEnv({ SKEIN_HTTP_CAPTURE_REQUEST_BODY: '0' }).captureRequestBody, false);
    assert.equal(httpInstrumentationOptionsFromEnv({ SKEIN_HTTP_CAPTURE_REQUEST_BODY: '1kb' }).captureRequestBody, undefined);
  });
  it('reads the global-agent switch', () => {
    assert.equal(httpInstrumentationOptionsFromEnv({ SKEIN_HTTP_GLOBAL_AGENT_PROPAGATION: 'FALSE' }).propagateViaGlobalAgents, false);
    assert.equal(httpInstrumentationOptionsFromEnv({ SKEIN_HTTP_GLOBAL_AGENT_PROPAGATION: 'true' }).propagateViaGlobalAgents, true);
    assert.equal(httpInstrumentationOptionsFromEnv({ SKEIN_HTTP_GLOBAL_AGENT_PROPAGATION: 'maybe' }).propagateViaGlobalAgents, undefined);
  });
});
