// OpenTelemetry JS SDK <-> @skein/node: a service traced by OpenTelemetry's NodeSDK (http
// instrumentation, OTLP/HTTP protobuf exporter) calls one traced by @skein/node, which calls
// back; both report to Skein and the result is one connected trace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTestSkein } from '@skein/server/e2e/harness';
import { waitForJaegerTrace } from '@skein/server/e2e/read-back';
import { listeningLine, startChild, type ChildService } from './child-service.js';
import { otelEnv, skeinRegisterPath } from './node-services.js';
import { newSpanId, newTraceId, traceparent } from './trace-context.js';
import { TraceTree, tagValue } from './test-support/trace-tree.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

let skein: Awaited<ReturnType<typeof startTestSkein>>;
const started: ChildService[] = [];

/** interop-service.js under the given SDK's --import entry point, reporting to the test Skein. */
async function startInteropService(name: string, register: string): Promise<ChildService> {
  const child = await startChild({
    name,
    command: process.execPath,
    args: ['--import', pathToFileURL(register).href, here('./interop-service.js')],
    env: { ...process.env, ...otelEnv(name, skein.urls.otlpHttp, 100), PORT: '0' },
    ready: listeningLine(name),
  });
  started.push(child);
  return child;
}

before(async () => {
  skein = await startTestSkein();
});
after(async () => {
  await Promise.all(started.map((c) => c.stop()));
  await skein?.stop();
});

test('OpenTelemetry JS calls @skein/node, which calls back: one trace, parentage intact across both SDKs', async () => {
  const otel = await startInteropService('otel-js-service', here('./interop-otel-register.js'));
  const skeinNode = await startInteropService('skein-node-service', skeinRegisterPath());

  const traceId = newTraceId();
  const callerSpanId = newSpanId();
  const res = await fetch(`${otel.url}/start?peer=${encodeURIComponent(skeinNode.url)}`, { headers: { traceparent: traceparent(traceId, callerSpanId) } });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { service: 'otel-js-service', via: { service: 'skein-node-service', via: { service: 'otel-js-service' } } });

  // otel /start (server, client) > skein /relay (server, client) > otel /leaf (server).
  const tree = new TraceTree(await waitForJaegerTrace(skein.urls.query, traceId, 5));
  assert.equal(tree.trace.spans.length, 5, tree.describe());
  const start = tree.one('otel-js-service', { kind: 'server', parent: { spanID: callerSpanId } });
  const otelClient = tree.one('otel-js-service', { kind: 'client', parent: start });
  const relay = tree.one('skein-node-service', { kind: 'server', parent: otelClient });
  const skeinClient = tree.one('skein-node-service', { kind: 'client', parent: relay });
  const leaf = tree.one('otel-js-service', { kind: 'server', parent: skeinClient });
  assert.match(String(tagValue(leaf, 'otel.scope.name')), /@opentelemetry\/instrumentation-http/, 'the leaf span was made by the OpenTelemetry SDK');
  assert.doesNotMatch(String(tagValue(relay, 'otel.scope.name')), /@opentelemetry\/instrumentation-http/, 'the relay span was made by @skein/node');
  assert.deepEqual([...tree.services()].sort(), ['otel-js-service', 'skein-node-service']);
});
