import { EMPTY_RESOURCE, str, type Resource } from '@skein/model';
import type { JaegerProcessParts } from './jaeger-span-parts.js';

const SERVICE_NAME = 'service.name';

/**
 * A Jaeger Process as a Resource: `service.name` from serviceName (omitted when empty, as the
 * OpenTelemetry Collector does), then every process tag as a typed resource attribute.
 *
 * Unlike the collector (jThriftProcessToInternalResource), `hostname` and `jaeger.version` are
 * NOT renamed to `host.name` / `opencensus.exporterversion`: Skein keeps what the client sent,
 * so the Jaeger query API gives back the same process tags.
 */
export function processToResource(process: JaegerProcessParts | undefined): Resource {
  if (!process || (process.serviceName === '' && process.tags.length === 0)) return EMPTY_RESOURCE;
  const attributes = process.serviceName === '' ? process.tags.slice() : [{ key: SERVICE_NAME, value: str(process.serviceName) }, ...process.tags];
  return Object.freeze({ attributes: Object.freeze(attributes), droppedAttributesCount: 0 });
}
