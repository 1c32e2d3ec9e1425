import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkeinError, SpanKind, StatusCode, findAttribute, serviceNameOf, type AnyValue, type ErrorCode, type Span } from '@skein/model';
import { decodeXrayDatagram } from './decode-xray-datagram.js';

const TRACE = '1-5f84c7a1-e7d1852db8c4fd35d88bf49a';
const TRACE_HEX = '5f84c7a1e7d1852db8c4fd35d88bf49a';
const HEADER = '{"format":"json","version":1}';

const datagram = (doc: unknown, header = HEADER): Buffer => Buffer.from(`${header}\n${typeof doc === 'string' ? doc : JSON.stringify(doc)}`);
const segment = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({ trace_id: TRACE, id: 'a000000000000001', name: 'svc', start_time: 1700000000.5, end_time: 1700000001, ...fields });
const decode = (doc: unknown): Span[] => decodeXrayDatagram(datagram(doc));
const one = (fields: Record<string, unknown>): Span => decode(segment(fields))[0]!;
const attr = (s: { attributes: Span['attributes'] }, key: string): AnyValue | undefined => findAttribute(s.attributes, key);
const S = (value: string): AnyValue => ({ type: 'string', value });
const resourceAttr = (s: Span, key: string): AnyValue | undefined => findAttribute(s.resource.attributes, key);

function assertFails(bytes: Uint8Array, code: ErrorCode, message: RegExp): void {
  assert.throws(
    () => decodeXrayDatagram(bytes),
    (e: unknown) => e instanceof SkeinError && e.code === code && message.test(e.message),
  );
}

test('the daemon header must be there and say format json, version 1', () => {
  assertFails(Buffer.alloc(0), 'SKEIN_ERR_EMPTY_BODY', /empty X-Ray datagram/);
  assertFails(Buffer.from(JSON.stringify(segment())), 'SKEIN_ERR_INVALID_PAYLOAD', /no header line/);
  assertFails(datagram(segment(), '{"format":"json"'), 'SKEIN_ERR_INVALID_PAYLOAD', /header line .* is not JSON/);
  assertFails(datagram(segment(), '[1]'), 'SKEIN_ERR_INVALID_PAYLOAD', /not a JSON object/);
  assertFails(datagram(segment(), '{"format":"xml","version":1}'), 'SKEIN_ERR_INVALID_PAYLOAD', /header format "xml" is not supported/);
  assertFails(datagram(segment(), '{"format":"json","version":2}'), 'SKEIN_ERR_INVALID_PAYLOAD', /header version 2 is not supported/);
  assertFails(datagram(segment(), '{"format":"json"}'), 'SKEIN_ERR_INVALID_PAYLOAD', /header version missing/);
  assertFails(datagram(''), 'SKEIN_ERR_EMPTY_BODY', /no segment document/);
  // spacing, key order and a CR do not matter
  assert.equal(decodeXrayDatagram(datagram(segment(), ' { "version" : 1, "format": "json" }\r')).length, 1);
});

test('body errors: malformed JSON, a non-object, a field of the wrong type (with its path), too deep', () => {
  assertFails(datagram('{"id": '), 'SKEIN_ERR_MALFORMED_JSON', /X-Ray segment document/);
  assertFails(datagram('[]'), 'SKEIN_ERR_INVALID_PAYLOAD', /segment document: expected an object/);
  assertFails(datagram(segment({ name: 7 })), 'SKEIN_ERR_INVALID_PAYLOAD', /^.*name: expected a string$/);
  assertFails(datagram(segment({ subsegments: [{ id: 'b000000000000001', name: 'x', start_time: 1, http: { response: { status: '500' } } }] })), 'SKEIN_ERR_INVALID_PAYLOAD', /subsegments\[0\]\.http\.response\.status: expected a number/);
  assertFails(datagram(segment({ subsegments: {} })), 'SKEIN_ERR_INVALID_PAYLOAD', /subsegments: expected a list/);
  assertFails(datagram(segment({ cause: 42 })), 'SKEIN_ERR_INVALID_PAYLOAD', /cause: expected an object/);
  assertFails(datagram(`{"metadata":{"default":${'['.repeat(200)}${']'.repeat(200)}}}`), 'SKEIN_ERR_TOO_DEEP', /deeper than 128/);
});

test('ids and times are passed through for the pipeline to judge, one span at a time', () => {
  const [s] = decode({ trace_id: 'not-an-xray-id', id: 'XYZ', name: 'svc' });
  assert.ok(s);
  assert.equal(s.traceId, 'not-an-xray-id');
  assert.equal(s.spanId, 'xyz');
  assert.equal(s.startTimeUnixNano, 0n); // no start_time: 0, which the pipeline rejects as absurd
  assert.equal(one({}).traceId, TRACE_HEX);
});

test('nested subsegments become children of the (sub)segment they are nested in, depth-first', () => {
  const spans = decode(
    segment({
      subsegments: [
        { id: 'b000000000000001', name: 'b', start_time: 1700000000.6, end_time: 1700000000.7, subsegments: [{ id: 'C000000000000001', name: 'c', start_time: 1700000000.61, end_time: 1700000000.62 }] },
        { id: 'd000000000000001', name: 'd', start_time: 1700000000.8, end_time: 1700000000.9, trace_id: '1-00000000-000000000000000000000001' },
      ],
    }),
  );
  assert.deepEqual(spans.map((s) => [s.name, s.spanId, s.parentSpanId]), [
    ['svc', 'a000000000000001', ''],
    ['b', 'b000000000000001', 'a000000000000001'],
    ['c', 'c000000000000001', 'b000000000000001'],
    ['d', 'd000000000000001', 'a000000000000001'],
  ]);
  // embedded subsegments inherit the document's trace id unless they carry their own (collector)
  assert.deepEqual(spans.map((s) => s.traceId), [TRACE_HEX, TRACE_HEX, TRACE_HEX, '00000000000000000000000000000001']);
  assert.equal(spans[2]!.startTimeUnixNano, 1_700_000_000_610_000_000n);
});

test('kinds: a segment is SERVER; remote/aws subsegments CLIENT; a subsegment with client_ip SERVER; the rest INTERNAL', () => {
  const spans = decode(
    segment({
      namespace: 'remote', // a segment stays SERVER whatever it says
      subsegments: [
        { id: 'b000000000000001', name: 'DynamoDB', start_time: 1, namespace: 'aws', aws: { operation: 'GetItem', region: 'eu-west-1', request_id: 'R1', table_name: 'users', retries: 2, table_names: ['a', 'b'] } },
        { id: 'b000000000000002', name: 'api.example.com', start_time: 1, namespace: 'remote' },
        { id: 'b000000000000003', name: 'handler', start_time: 1, http: { request: { client_ip: '10.0.0.9' } } },
        { id: 'b000000000000004', name: 'work', start_time: 1 },
        { id: 'b000000000000005', name: 'odd', start_time: 1, namespace: 'local' },
      ],
    }),
  );
  assert.deepEqual(spans.map((s) => s.kind), [SpanKind.SERVER, SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.SERVER, SpanKind.INTERNAL, SpanKind.INTERNAL]);
  const dynamo = spans[1]!;
  assert.deepEqual(attr(dynamo, 'aws.service'), S('DynamoDB'));
  assert.deepEqual(attr(dynamo, 'aws.operation'), S('GetItem'));
  assert.deepEqual(attr(dynamo, 'aws.region'), S('eu-west-1'));
  assert.deepEqual(attr(dynamo, 'aws.request_id'), S('R1'));
  assert.deepEqual(attr(dynamo, 'aws.table_name'), S('users'));
  assert.deepEqual(attr(dynamo, 'aws.xray.retries'), { type: 'int', value: 2n });
  assert.deepEqual(attr(dynamo, 'aws.xray.aws.table_names'), { type: 'array', value: [S('a'), S('b')] });
  assert.deepEqual(attr(spans[5]!, 'aws.xray.namespace'), S('local')); // the collector would reject the segment
});

test('a subsegment sent on its own keeps its parent and kind, and names no service', () => {
  const [s] = decode({ type: 'subsegment', parent_id: 'F000000000000001', trace_id: TRACE, id: 'b000000000000001', name: 'api.example.com', namespace: 'remote', start_time: 1700000000, end_time: 1700000001 });
  assert.ok(s);
  assert.equal(s.parentSpanId, 'f000000000000001');
  assert.equal(s.kind, SpanKind.CLIENT);
  assert.equal(serviceNameOf(s.resource), 'unknown_service');
  assert.deepEqual(attr(s, 'aws.xray.type'), S('subsegment'));
  // No resource at all (the receiver swaps in its segment's): what a segment would put there
  // stays on the subsegment's span, as for an embedded subsegment.
  const [call, child] = decode({
    type: 'subsegment', parent_id: 'f000000000000001', trace_id: TRACE, id: 'b000000000000002', name: 'DynamoDB', namespace: 'aws', start_time: 1700000000, end_time: 1700000001,
    aws: { account_id: '123', operation: 'GetItem', ec2: { instance_id: 'i-1' } }, origin: 'AWS::EC2::Instance',
    subsegments: [{ id: 'c000000000000001', name: 'retry', start_time: 1700000000, end_time: 1700000001 }],
  });
  assert.deepEqual(call!.resource.attributes, []);
  assert.equal(child!.resource, call!.resource);
  assert.deepEqual(attr(call!, 'aws.account_id'), S('123'));
  assert.deepEqual(attr(call!, 'aws.operation'), S('GetItem'));
  assert.deepEqual(attr(call!, 'aws.xray.aws.ec2'), S('{"instance_id":"i-1"}'));
  assert.deepEqual(attr(call!, 'aws.xray.origin'), S('AWS::EC2::Instance'));
  // a segment with a parent (a downstream service called by a traced client) is still a service's SERVER span
  const [downstream] = decode(segment({ parent_id: 'f000000000000001' }));
  assert.equal(downstream!.kind, SpanKind.SERVER);
  assert.equal(downstream!.parentSpanId, 'f000000000000001');
  assert.equal(serviceNameOf(downstream!.resource), 'svc');
});

test('an in-progress segment is a zero-length span marked in progress', () => {
  const s = one({ end_time: undefined, in_progress: true });
  assert.equal(s.endTimeUnixNano, s.startTimeUnixNano);
  assert.deepEqual(attr(s, 'aws.xray.in_progress'), { type: 'bool', value: true });
  // no end and no flag: the same (X-Ray requires one of the two)
  assert.deepEqual(attr(one({ end_time: undefined }), 'aws.xray.in_progress'), { type: 'bool', value: true });
  assert.equal(attr(one({}), 'aws.xray.in_progress'), undefined);
});

test('status: HTTP status outside 100-399, a cause, fault/error/throttle mean ERROR', () => {
  const status = (fields: Record<string, unknown>) => one(fields).status;
  assert.deepEqual(status({ http: { response: { status: 200 } } }), { code: StatusCode.UNSET, message: '' });
  assert.deepEqual(status({ http: { response: { status: 503 } } }), { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(status({ http: { response: { status: 404 } } }), { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(status({ http: { response: { status: 200 } }, cause: '0123456789abcdef' }), { code: StatusCode.ERROR, message: '0123456789abcdef' });
  assert.deepEqual(status({ error: true }), { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(status({ throttle: true, error: true }), { code: StatusCode.ERROR, message: '' });
  assert.deepEqual(status({ fault: false, error: false }), { code: StatusCode.UNSET, message: '' });
  const throttled = one({ throttle: true });
  assert.deepEqual(attr(throttled, 'aws.xray.throttle'), { type: 'bool', value: true });
  assert.deepEqual(attr(one({ cause: '0123456789abcdef' }), 'aws.xray.cause.id'), S('0123456789abcdef'));
});

test('http fields → stable HTTP conventions; others kept under aws.xray.http', () => {
  const s = one({ http: { request: { method: 'POST', url: 'https://x/y', user_agent: 'ua', client_ip: '1.2.3.4', x_forwarded_for: true, traced: true }, response: { status: 201, content_length: 12.7, extra: 'e' } } });
  assert.deepEqual(attr(s, 'http.request.method'), S('POST'));
  assert.deepEqual(attr(s, 'url.full'), S('https://x/y'));
  assert.deepEqual(attr(s, 'user_agent.original'), S('ua'));
  assert.deepEqual(attr(s, 'client.address'), S('1.2.3.4'));
  assert.deepEqual(attr(s, 'aws.xray.x_forwarded_for'), { type: 'bool', value: true });
  assert.deepEqual(attr(s, 'http.response.status_code'), { type: 'int', value: 201n });
  assert.deepEqual(attr(s, 'http.response.body.size'), { type: 'int', value: 12n });
  assert.deepEqual(attr(s, 'aws.xray.http.request.traced'), { type: 'bool', value: true });
  assert.deepEqual(attr(s, 'aws.xray.http.response.extra'), S('e'));
  // a string content length is kept as sent (collector)
  assert.deepEqual(attr(one({ http: { response: { content_length: '12' } } }), 'http.response.body.size'), S('12'));
});

test('sql → database conventions; url, user and the rest kept under aws.xray.sql', () => {
  const s = one({ sql: { url: 'postgresql://db.local:5432/orders?ssl=true', database_type: 'PostgreSQL', sanitized_query: 'SELECT 1', user: 'app', driver_version: '42' } });
  assert.deepEqual(attr(s, 'db.namespace'), S('orders'));
  assert.deepEqual(attr(s, 'db.system.name'), S('PostgreSQL'));
  assert.deepEqual(attr(s, 'db.query.text'), S('SELECT 1'));
  assert.deepEqual(attr(s, 'aws.xray.sql.url'), S('postgresql://db.local:5432/orders?ssl=true'));
  assert.deepEqual(attr(s, 'aws.xray.sql.user'), S('app'));
  assert.deepEqual(attr(s, 'aws.xray.sql.driver_version'), S('42'));
  assert.deepEqual(attr(one({ sql: { url: 'jdbc:mysql:inventory' } }), 'db.namespace'), S('inventory')); // the collector's pattern, no authority
  // an url the collector cannot parse fails its whole segment; here only db.namespace is missing
  const odd = one({ sql: { url: 'nonsense' } });
  assert.equal(attr(odd, 'db.namespace'), undefined);
  assert.deepEqual(attr(odd, 'aws.xray.sql.url'), S('nonsense'));
});

test('resource: origin → cloud.platform, aws blocks → cloud/host/container attributes, service, resource_arn', () => {
  const s = one({
    origin: 'AWS::ECS::Fargate',
    resource_arn: 'arn:aws:ecs:task/1',
    service: { version: '1.2.3', compiler: 'tsc' },
    aws: { account_id: '123456789012', ec2: { instance_id: 'i-1', availability_zone: 'eu-west-1a', instance_size: 'm5.large', ami_id: 'ami-1' }, ecs: { container: 'web', task_arn: 'arn:task' }, elastic_beanstalk: { environment_name: 'prod', deployment_id: 7, version_label: 'v7' }, eks: { cluster_name: 'c', pod: 'p', container_id: 'cid' }, cloudwatch_logs: [{ log_group: 'g', arn: 'arn:g' }] },
  });
  const r = (key: string) => resourceAttr(s, key);
  assert.deepEqual(r('cloud.platform'), S('aws_ecs'));
  assert.deepEqual(r('aws.ecs.launchtype'), S('fargate'));
  assert.deepEqual(r('aws.xray.resource_arn'), S('arn:aws:ecs:task/1'));
  assert.deepEqual(r('service.version'), S('1.2.3')); // service.version wins over the beanstalk label (collector order)
  assert.deepEqual(r('aws.xray.service.compiler'), S('tsc'));
  assert.deepEqual(r('cloud.provider'), S('aws'));
  assert.deepEqual(r('cloud.account.id'), S('123456789012'));
  assert.deepEqual(r('host.id'), S('i-1'));
  assert.deepEqual(r('host.type'), S('m5.large'));
  assert.deepEqual(r('host.image.id'), S('ami-1'));
  assert.deepEqual(r('cloud.availability_zone'), S('eu-west-1a'));
  assert.deepEqual(r('container.name'), S('web'));
  assert.deepEqual(r('aws.xray.aws.ecs.task_arn'), S('arn:task'));
  assert.deepEqual(r('service.namespace'), S('prod'));
  assert.deepEqual(r('service.instance.id'), S('7'));
  assert.deepEqual(r('k8s.cluster.name'), S('c'));
  assert.deepEqual(r('k8s.pod.name'), S('p'));
  assert.deepEqual(r('container.id'), S('cid'));
  assert.deepEqual(r('aws.log.group.names'), { type: 'array', value: [S('g')] });
  assert.deepEqual(r('aws.log.group.arns'), { type: 'array', value: [S('arn:g')] });
  assert.deepEqual(attr(s, 'aws.account_id'), S('123456789012')); // also on the span (collector)
  assert.equal(attr(s, 'aws.xray.aws.ec2'), undefined); // went to the resource, not kept twice
  // no aws block: the collector's "unknown" provider; an origin it has no platform for is kept
  const plain = one({ origin: 'AWS::Custom::Thing' });
  assert.deepEqual(resourceAttr(plain, 'cloud.provider'), S('unknown'));
  assert.deepEqual(resourceAttr(plain, 'aws.xray.origin'), S('AWS::Custom::Thing'));
  assert.deepEqual(resourceAttr(one({ origin: 'AWS::EC2::Instance' }), 'cloud.platform'), S('aws_ec2'));
});

test('annotations keep their type; metadata is JSON text per namespace; user, precursors, traced, unknown fields are kept', () => {
  const s = one({
    annotations: { s: 'x', i: 42, d: 0.25, b: false, big: 2 ** 60, n: null, __proto__x: 1 },
    metadata: { default: { a: [1, { b: 2 }] }, debug: 'text' },
    user: 'alice',
    precursor_ids: ['1000000000000001'],
    traced: true,
    custom_field: { nested: true },
  });
  assert.deepEqual(attr(s, 's'), S('x'));
  assert.deepEqual(attr(s, 'i'), { type: 'int', value: 42n });
  assert.deepEqual(attr(s, 'd'), { type: 'double', value: 0.25 });
  assert.deepEqual(attr(s, 'b'), { type: 'bool', value: false });
  assert.deepEqual(attr(s, 'big'), { type: 'double', value: 2 ** 60 }); // JSON.parse already rounded it
  assert.equal(attr(s, 'n'), undefined);
  assert.deepEqual(attr(s, 'aws.xray.annotations'), { type: 'array', value: ['s', 'i', 'd', 'b', 'big', '__proto__x'].map(S) });
  assert.deepEqual(attr(s, 'aws.xray.metadata.default'), S('{"a":[1,{"b":2}]}'));
  assert.deepEqual(attr(s, 'aws.xray.metadata.debug'), S('"text"'));
  assert.deepEqual(attr(s, 'enduser.id'), S('alice'));
  assert.deepEqual(attr(s, 'aws.xray.precursor_ids'), { type: 'array', value: [S('1000000000000001')] });
  assert.deepEqual(attr(s, 'aws.xray.traced'), { type: 'bool', value: true });
  assert.deepEqual(attr(s, 'aws.xray.custom_field'), S('{"nested":true}'));
  // a "__proto__" key is data, not a prototype
  const p = decode(`{"trace_id":"${TRACE}","id":"a000000000000001","name":"x","start_time":1,"annotations":{"__proto__":"v"}}`)[0]!;
  assert.deepEqual(attr(p, '__proto__'), S('v'));
});

test('cause: exceptions become exception events with every field; working directory and paths kept', () => {
  const s = one({
    cause: {
      working_directory: '/app',
      paths: ['/app/a.js'],
      exceptions: [
        { id: 'e000000000000001', type: 'TypeError', message: 'x is undefined', remote: true, truncated: 3, skipped: 1, cause: 'e000000000000002', stack: [{ path: 'a.js', line: 3, label: 'f' }] },
        { id: 'e000000000000002', message: 'inner' },
      ],
    },
  });
  assert.equal(s.status.code, StatusCode.ERROR);
  assert.deepEqual(attr(s, 'aws.xray.cause.working_directory'), S('/app'));
  assert.deepEqual(attr(s, 'aws.xray.cause.paths'), { type: 'array', value: [S('/app/a.js')] });
  assert.equal(s.events.length, 2);
  const [first, second] = s.events;
  assert.deepEqual(Object.fromEntries(first!.attributes.map((a) => [a.key, a.value])), {
    'aws.xray.exception.id': S('e000000000000001'),
    'exception.message': S('x is undefined'),
    'exception.type': S('TypeError'),
    'aws.xray.exception.remote': { type: 'bool', value: true },
    'aws.xray.exception.truncated': { type: 'int', value: 3n },
    'aws.xray.exception.skipped': { type: 'int', value: 1n },
    'aws.xray.exception.cause': S('e000000000000002'),
    'exception.stacktrace': S('TypeError: x is undefined\n\tat f(a.js: 3)\n'),
  });
  assert.equal(attr(second!, 'exception.stacktrace'), undefined);
  assert.equal(s.events.every((e) => e.name === 'exception' && e.timeUnixNano === s.endTimeUnixNano), true);
});

test('links: X-Ray ids become span links; links with unusable ids are counted as dropped', () => {
  const s = one({ links: [{ trace_id: TRACE, id: 'B000000000000001', attributes: { k: 'v', n: 1 } }, { trace_id: 'bad', id: 'b000000000000001' }] });
  assert.deepEqual(s.links, [{ traceId: TRACE_HEX, spanId: 'b000000000000001', traceState: '', attributes: [{ key: 'k', value: S('v') }, { key: 'n', value: { type: 'int', value: 1n } }], droppedAttributesCount: 0, flags: 0 }]);
  assert.equal(s.droppedLinksCount, 1);
});
