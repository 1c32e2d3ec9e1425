import { diag } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import type { SpanResource } from '../trace/finished-span.js';
import type { Env } from '../config/env.js';
import { envString } from '../config/env.js';
import { parseResourceAttributes } from './parse-resource-attributes.js';
import { hostAttributes } from './host-attributes.js';
import { executableName, processAttributes } from './process-attributes.js';
import { sdkVersion } from './sdk-version.js';

export interface ResourceOverrides {
  /** Wins over everything else that names the service. */
  readonly serviceName?: string;
  /** Win over detected and environment attributes (but not over `serviceName`). */
  readonly attributes?: Attributes;
}

/**
 * The resource every span of a provider shares, built once at start. Later sources win:
 *  1. telemetry.sdk.*, host.*, os.*, process.* (detected);
 *  2. OTEL_RESOURCE_ATTRIBUTES;
 *  3. OTEL_SERVICE_NAME (the spec: it wins over service.name in OTEL_RESOURCE_ATTRIBUTES);
 *  4. `overrides.attributes`, then `overrides.serviceName` (code wins over environment).
 * Without any service name it is `unknown_service:<process.executable.name>`, as the spec
 * says (`unknown_service:node`). Never throws; a failed detector only loses its attributes.
 */
export function detectResource(env: Env, overrides: ResourceOverrides = {}): SpanResource {
  const attributes: Attributes = {
    'telemetry.sdk.name': '@skein/node',
    'telemetry.sdk.language': 'nodejs',
    'telemetry.sdk.version': sdkVersion(),
  };
  detect(attributes, hostAttributes, 'host');
  detect(attributes, processAttributes, 'process');
  Object.assign(attributes, parseResourceAttributes(envString(env, 'OTEL_RESOURCE_ATTRIBUTES')));
  const envServiceName = envString(env, 'OTEL_SERVICE_NAME');
  if (envServiceName !== undefined) attributes['service.name'] = envServiceName;
  if (overrides.attributes !== undefined) Object.assign(attributes, overrides.attributes);
  if (typeof overrides.serviceName === 'string' && overrides.serviceName !== '') attributes['service.name'] = overrides.serviceName;
  const serviceName = attributes['service.name'];
  if (typeof serviceName !== 'string' || serviceName === '') attributes['service.name'] = defaultServiceName();
  return Object.freeze({ attributes: Object.freeze(attributes) });
}

/** The service name the spec asks for when none is configured. */
export function defaultServiceName(): string {
  try {
    return `unknown_service:${executableName()}`;
  } catch {
    return 'unknown_service';
  }
}

function detect(into: Attributes, detector: () => Attributes, what: string): void {
  try {
    Object.assign(into, detector());
  } catch (err) {
    diag.debug(`resource: ${what} attributes not detected`, err);
  }
}
