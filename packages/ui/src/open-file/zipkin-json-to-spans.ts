import type { AttributeJson, SpanJson, StatusCodeName } from '../trace/model/trace-json.js';
import { arrayAt, hexId, intValue, microsToNanos, objectAt, optionalString, stringAttribute, type JsonObject } from './json-fields.js';
import { UNKNOWN_SERVICE, makeSpanJson } from './make-span-json.js';
import { TraceFileError, describeValue } from './trace-file-error.js';

/**
 * Zipkin v2 JSON (a list of spans, as `GET /api/v2/trace/{id}` answers and clients POST) → the
 * UI's spans, mapped as Skein's receiver does after the OpenTelemetry Collector's Zipkin
 * translator (zipkinv2/to_translator.go): localEndpoint.serviceName is the service, the remote
 * service becomes `peer.service` and endpoint addresses `net.host.*` / `net.peer.*`, every tag a
 * string attribute, annotations events, and status from the `error` / `otel.status_code` tags.
 */
export function zipkinJsonToSpans(list: readonly unknown[]): SpanJson[] {
  return list.map((value, i) => spanOf(objectAt(value, `[${i}]`), `[${i}]`));
}

const KINDS: Record<string, string> = { CLIENT: 'client', SERVER: 'server', PRODUCER: 'producer', CONSUMER: 'consumer' };

function spanOf(z: JsonObject, path: string): SpanJson {
  const tags = z.tags === undefined ? {} : objectAt(z.tags, `${path}.tags`);
  const attributes: AttributeJson[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw new TraceFileError(`${path}.tags.${key}: Zipkin tag values are strings, got ${describeValue(value)}`);
    attributes.push(stringAttribute(key, value));
  }
  const local = z.localEndpoint === undefined ? {} : objectAt(z.localEndpoint, `${path}.localEndpoint`);
  const remote = z.remoteEndpoint === undefined ? {} : objectAt(z.remoteEndpoint, `${path}.remoteEndpoint`);
  if (typeof remote.serviceName === 'string' && remote.serviceName) attributes.push(stringAttribute('peer.service', remote.serviceName));
  addEndpoint(attributes, local, 'net.host', `${path}.localEndpoint`);
  addEndpoint(attributes, remote, 'net.peer', `${path}.remoteEndpoint`);

  const events = arrayAt(z.annotations, `${path}.annotations`).map((v, i) => {
    const a = objectAt(v, `${path}.annotations[${i}]`);
    return { name: optionalString(a.value, `${path}.annotations[${i}].value`), timeUnixNano: microsToNanos(a.timestamp, `${path}.annotations[${i}].timestamp`).toString(), attributes: [] };
  });
  // Without a timestamp the earliest annotation stands in, as in Skein's receiver.
  const start = z.timestamp !== undefined ? microsToNanos(z.timestamp, `${path}.timestamp`) : events.length > 0 ? events.map((e) => BigInt(e.timeUnixNano)).reduce((a, b) => (a < b ? a : b)) : 0n;
  const duration = z.duration !== undefined ? microsToNanos(z.duration, `${path}.duration`) : 0n;
  const kindName = optionalString(z.kind, `${path}.kind`);
  const serviceName = typeof local.serviceName === 'string' && local.serviceName ? local.serviceName : '';
  return makeSpanJson({
    // Zipkin ids may be 64-bit (16 hex) or 128-bit trace ids; shown as sent, like Skein shows them.
    traceId: hexId(z.traceId, `${path}.traceId`, [16, 32]),
    spanId: hexId(z.id, `${path}.id`, [16]),
    parentSpanId: hexId(z.parentId, `${path}.parentId`, [16], true),
    name: optionalString(z.name, `${path}.name`),
    kind: KINDS[kindName] ?? (tags['span.kind'] === 'internal' ? 'internal' : 'unspecified'),
    serviceName: serviceName || UNKNOWN_SERVICE,
    start,
    end: start + duration,
    status: statusOf(tags),
    attributes,
    resource: serviceName ? [stringAttribute('service.name', serviceName)] : [],
    events,
    shared: z.shared === true,
  });
}

function addEndpoint(into: AttributeJson[], endpoint: JsonObject, prefix: string, path: string): void {
  const ip = endpoint.ipv6 ?? endpoint.ipv4;
  if (ip !== undefined) into.push(stringAttribute(`${prefix}.ip`, optionalString(ip, `${path}.ip`)));
  if (endpoint.port !== undefined) {
    if (typeof endpoint.port !== 'number' || !Number.isInteger(endpoint.port)) throw new TraceFileError(`${path}.port: expected an integer, got ${describeValue(endpoint.port)}`);
    into.push({ key: `${prefix}.port`, type: 'int', value: intValue(BigInt(endpoint.port)) });
  }
}

/**
 * As the Collector: `otel.status_code` decides when present (with `otel.status_description` as
 * the message); otherwise an `error` tag means ERROR, its value the message (unless just "true").
 */
function statusOf(tags: JsonObject): { code: StatusCodeName; message: string } {
  const code = tags['otel.status_code'];
  if (typeof code === 'string' && /^(ok|error|unset)$/i.test(code)) {
    const description = tags['otel.status_description'];
    return { code: code.toLowerCase() as StatusCodeName, message: typeof description === 'string' ? description : '' };
  }
  const error = tags.error;
  if (typeof error === 'string') return { code: 'error', message: error === 'true' ? '' : error };
  return { code: 'unset', message: '' };
}
