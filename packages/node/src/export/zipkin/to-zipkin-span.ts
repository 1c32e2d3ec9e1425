import { isIP } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { FinishedSpan } from '../../trace/finished-span.js';

export interface ZipkinEndpoint {
  serviceName?: string;
  ipv4?: string;
  ipv6?: string;
  port?: number;
}

/** A Zipkin v2 JSON span (zipkin2-api.yaml). */
export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  /** Microseconds since the epoch. */
  timestamp: number;
  /** Microseconds. */
  duration: number;
  localEndpoint: ZipkinEndpoint;
  remoteEndpoint?: ZipkinEndpoint;
  annotations?: { timestamp: number; value: string }[];
  tags: Record<string, string>;
}

const ZIPKIN_KIND: Record<number, ZipkinSpan['kind']> = {
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

/**
 * Attributes that name the remote side of a CLIENT/PRODUCER span, best first, with the port
 * attribute that goes with an address (the OpenTelemetry Zipkin exporter specification's
 * ranking, current and legacy semantic conventions).
 */
const REMOTE_ENDPOINT_RANKING: readonly (readonly [string, string | undefined])[] = [
  ['peer.service', undefined],
  ['server.address', 'server.port'],
  ['net.peer.name', 'net.peer.port'],
  ['network.peer.address', 'network.peer.port'],
  ['server.socket.domain', undefined],
  ['server.socket.address', 'server.socket.port'],
  ['net.sock.peer.name', undefined],
  ['net.sock.peer.addr', 'net.sock.peer.port'],
  ['peer.hostname', undefined],
  ['peer.address', undefined],
  ['db.name', undefined],
];

/**
 * Maps a span to Zipkin v2 following OpenTelemetry's "OpenTelemetry to Zipkin Transformation":
 * service name from the resource's service.name, INTERNAL kind left out, attributes (resource
 * ones first, span ones winning) as string tags, status as otel.status_code / error, events as
 * annotations, times in whole microseconds.
 */
export function toZipkinSpan(span: FinishedSpan, fallbackServiceName: string): ZipkinSpan {
  const ctx = span.spanContext();
  const serviceName = span.resource.attributes['service.name'];
  const zipkin: ZipkinSpan = {
    traceId: ctx.traceId,
    id: ctx.spanId,
    name: span.name,
    timestamp: Math.round(span.startTimeUnixMs * 1000),
    duration: Math.max(0, Math.round((span.endTimeUnixMs - span.startTimeUnixMs) * 1000)),
    localEndpoint: { serviceName: typeof serviceName === 'string' && serviceName ? serviceName : fallbackServiceName },
    tags: tags(span),
  };
  if (span.parentSpanId) zipkin.parentId = span.parentSpanId;
  const kind = ZIPKIN_KIND[span.kind];
  if (kind) zipkin.kind = kind;
  if (kind === 'CLIENT' || kind === 'PRODUCER') {
    const remote = remoteEndpoint(span.attributes);
    if (remote) zipkin.remoteEndpoint = remote;
  }
  if (span.events.length > 0) {
    zipkin.annotations = span.events.map((event) => ({
      timestamp: Math.round(event.timeUnixMs * 1000),
      value: hasKeys(event.attributes) ? `${JSON.stringify(event.name)}:${JSON.stringify(tagObject(event.attributes))}` : event.name,
    }));
  }
  return zipkin;
}

function tags(span: FinishedSpan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(span.resource.attributes)) {
    if (key !== 'service.name' && value !== undefined && value !== null) out[key] = tagValue(value);
  }
  for (const key in span.attributes) {
    const value = span.attributes[key];
    if (value !== undefined && value !== null) out[key] = tagValue(value);
  }
  // Zipkin marks any span with an `error` tag as failed, whatever its value, so only status
  // may set it.
  delete out.error;
  const { code, message } = span.status;
  if (code === SpanStatusCode.OK) out['otel.status_code'] = 'OK';
  if (code === SpanStatusCode.ERROR) {
    out['otel.status_code'] = 'ERROR';
    out.error = message ?? '';
  }
  out['otel.scope.name'] = span.scope.name;
  if (span.scope.version) out['otel.scope.version'] = span.scope.version;
  if (span.droppedAttributesCount > 0) out['otel.dropped_attributes_count'] = String(span.droppedAttributesCount);
  if (span.droppedEventsCount > 0) out['otel.dropped_events_count'] = String(span.droppedEventsCount);
  if (span.droppedLinksCount > 0) out['otel.dropped_links_count'] = String(span.droppedLinksCount);
  return out;
}

/** Strings as they are, numbers and booleans in their JS spelling, arrays as JSON lists. */
function tagValue(value: AttributeValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

function tagObject(attributes: Attributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined && value !== null) out[key] = tagValue(value);
  }
  return out;
}

function hasKeys(attributes: Attributes | undefined): attributes is Attributes {
  if (!attributes) return false;
  for (const _ in attributes) return true;
  return false;
}

function remoteEndpoint(attributes: Attributes): ZipkinEndpoint | undefined {
  for (const [name, portName] of REMOTE_ENDPOINT_RANKING) {
    const value = attributes[name];
    if (typeof value !== 'string' || value === '') continue;
    const endpoint: ZipkinEndpoint = {};
    const family = isIP(value);
    if (family === 4) endpoint.ipv4 = value;
    else if (family === 6) endpoint.ipv6 = value;
    else endpoint.serviceName = value;
    const port = portName ? attributes[portName] : undefined;
    const portNumber = typeof port === 'string' ? Number(port) : port;
    if (typeof portNumber === 'number' && Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536) {
      endpoint.port = portNumber;
    }
    return endpoint;
  }
  return undefined;
}
