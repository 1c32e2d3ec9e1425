/**
 * Attribute and tag names used where Zipkin fields have no place of their own in the span model.
 * They follow the OpenTelemetry Collector's Zipkin translator (pkg/translator/zipkin/zipkinv2),
 * which uses the pre-1.21 network semantic conventions; `peer.service` is also what the model
 * reads the remote service from (`remoteServiceNameOf`).
 */
export const ENDPOINT_ATTRIBUTES = {
  local: { ip: 'net.host.ip', ipv6: 'net.host.ipv6', port: 'net.host.port' },
  remote: { ip: 'net.peer.ip', ipv6: 'net.peer.ipv6', port: 'net.peer.port', serviceName: 'peer.service' },
} as const;

/**
 * Zipkin's `debug: true` (force sampling) has no OTLP field; it is kept as a boolean attribute
 * so it survives storage and comes back as `debug` (a string tag of the same name stays a tag).
 */
export const DEBUG_ATTRIBUTE = 'zipkin.debug';

/** Tags the OpenTelemetry Zipkin exporters write for OTLP fields Zipkin lacks. */
export const OTEL_TAGS = {
  statusCode: 'otel.status_code',
  statusDescription: 'otel.status_description',
  error: 'error',
  spanKind: 'span.kind',
  traceState: 'w3c.tracestate',
  droppedAttributesCount: 'otel.dropped_attributes_count',
  droppedEventsCount: 'otel.dropped_events_count',
  droppedLinksCount: 'otel.dropped_links_count',
  linkPrefix: 'otlp.link.',
} as const;

export const SERVICE_NAME = 'service.name';
