import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ConsoleSpanExporter } from './console-exporter.js';
import { makeFinishedSpan } from '../test-support/make-finished-span.js';

function capture(): { stream: { write(text: string): boolean }; text: () => string } {
  const chunks: string[] = [];
  return { stream: { write: (text: string) => chunks.push(text) > 0 }, text: () => chunks.join('') };
}

test('prints one readable block per span', async () => {
  const out = capture();
  const exporter = new ConsoleSpanExporter({ stream: out.stream });
  const span = makeFinishedSpan({
    name: 'GET /cart',
    kind: SpanKind.SERVER,
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '00f067aa0ba902b7',
    parentSpanIsRemote: true,
    startTimeUnixMs: Date.UTC(2024, 0, 2, 3, 4, 5, 6),
    endTimeUnixMs: Date.UTC(2024, 0, 2, 3, 4, 5, 6) + 12.25,
    attributes: { 'http.response.status_code': 500, 'http.route': '/cart', 'odd key\n': [1, 2] },
    events: [{ name: 'exception', timeUnixMs: Date.UTC(2024, 0, 2, 3, 4, 5, 6) + 1, attributes: { 'exception.type': 'Error' }, droppedAttributesCount: 0 }],
    droppedEventsCount: 2,
    status: { code: SpanStatusCode.ERROR, message: 'boom' },
    resource: { attributes: { 'service.name': 'shop' } },
    scope: { name: 'http', version: '1.0', schemaUrl: undefined },
  });
  assert.deepEqual(await exporter.export([span]), { ok: true });
  assert.equal(out.text(), [
    'span "GET /cart" server 12.250 ms  service="shop"  status=ERROR "boom"',
    '  trace=0af7651916cd43dd8448eb211c80319c  span=b7ad6b7169203331  parent=00f067aa0ba902b7 (remote)',
    '  start=2024-01-02T03:04:05.006Z  scope=http 1.0',
    '  attributes:',
    '    http.response.status_code=500',
    '    http.route="/cart"',
    '    "odd key\\n"=[1, 2]',
    '  events: (2 dropped)',
    '    +1.000 ms "exception"  exception.type="Error"',
    '',
  ].join('\n'));
});

test('several spans are written in one go; nothing is written for none', async () => {
  const out = capture();
  let writes = 0;
  const exporter = new ConsoleSpanExporter({ stream: { write: (t: string) => { writes++; return out.stream.write(t); } } });
  await exporter.export([makeFinishedSpan({ name: 'a' }), makeFinishedSpan({ name: 'b' })]);
  await exporter.export([]);
  assert.equal(writes, 1);
  assert.match(out.text(), /^span "a".*\n(.*\n)*span "b"/);
});

test('a failing stream fails the export instead of throwing; shutdown stops output', async () => {
  const exporter = new ConsoleSpanExporter({ stream: { write: () => { throw new Error('EPIPE'); } } });
  const result = await exporter.export([makeFinishedSpan()]);
  assert.equal(result.ok, false);
  await exporter.shutdown();
  assert.equal((await exporter.export([makeFinishedSpan()])).ok, false);
});
