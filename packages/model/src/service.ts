import { findStringAttribute } from './attributes.js';
import type { Resource, Span } from './span.js';

/** The service name every API shows when a resource has none (same as the OpenTelemetry SDKs'). */
export const UNKNOWN_SERVICE = 'unknown_service';

export function serviceNameOf(resource: Resource): string {
  return findStringAttribute(resource.attributes, 'service.name') || UNKNOWN_SERVICE;
}

export const spanServiceName = (span: Span): string => serviceNameOf(span.resource);

/**
 * The remote service a span talks to: `peer.service` (OpenTelemetry, Jaeger, and what Skein
 * maps Zipkin's remoteEndpoint.serviceName to).
 */
export const remoteServiceNameOf = (span: Span): string | undefined => findStringAttribute(span.attributes, 'peer.service');
