import http from 'node:http';
import https from 'node:https';
import type { ClientRequest } from 'node:http';
import { diag } from '@opentelemetry/api';
import { beginClientSpan } from './http-client-instrumentation.js';

// Node before 22.12 / 23.2 publishes nothing early enough to add headers to an `http`
// client request (see http-client-instrumentation.ts). `Agent#addRequest` is the documented
// extension point that runs inside the ClientRequest constructor, in the caller's context,
// before the headers are rendered: these agents begin the client span there and inject the
// propagation headers. They are ordinary Agents otherwise; an application can pass one as
// `agent`, and the instrumentation installs them as the global agents (an assignable,
// documented property) where the channel is missing.

type AddRequestOptions = { readonly port?: number | string } | string | undefined;

function portFromOptions(options: AddRequestOptions): number | undefined {
  if (options === undefined || typeof options === 'string') return undefined;
  const port = Number(options.port);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

function prepare(request: ClientRequest, options: AddRequestOptions): void {
  try {
    beginClientSpan(request, portFromOptions(options));
  } catch (error) {
    diag.error('@skein/node http: could not prepare a client request', error);
  }
}

// `addRequest` is public in Node but absent from @types/node, hence the typed lookups.
type AddRequest = (this: http.Agent, request: ClientRequest, options: AddRequestOptions, ...legacy: unknown[]) => void;
const httpAddRequest = (http.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;
const httpsAddRequest = (https.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;

/** An `http.Agent` that begins the client span and injects trace context for each request. */
export class PropagatingHttpAgent extends http.Agent {
  addRequest(request: ClientRequest, options: AddRequestOptions, ...legacy: unknown[]): void {
    prepare(request, options);
    httpAddRequest.call(this, request, options, ...legacy);
  }
}

/** The `https.Agent` counterpart of {@link PropagatingHttpAgent}. */
export class PropagatingHttpsAgent extends https.Agent {
  addRequest(request: ClientRequest, options: AddRequestOptions, ...legacy: unknown[]): void {
    prepare(request, options);
    httpsAddRequest.call(this, request, options, ...legacy);
  }
}

/**
 * True when this Node publishes `http.client.request.created` (22.12+ in the 22 line, 23.2+),
 * so agents are not needed for propagation.
 */
export function nodePublishesClientRequestCreated(version: string = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 2) || (major === 22 && minor >= 12);
}

/**
 * Replaces `http.globalAgent` and `https.globalAgent` by propagating agents built with the
 * same options, when they are Node's plain agents (an application's own global agent is left
 * alone). Returns the restore function.
 */
export function installPropagatingGlobalAgents(): () => void {
  const originalHttp = http.globalAgent;
  const originalHttps = https.globalAgent;
  let installedHttp: PropagatingHttpAgent | undefined;
  let installedHttps: PropagatingHttpsAgent | undefined;
  if (Object.getPrototypeOf(originalHttp) === http.Agent.prototype) {
    installedHttp = new PropagatingHttpAgent(agentOptionsOf(originalHttp));
    http.globalAgent = installedHttp;
  } else {
    diag.info('@skein/node http: http.globalAgent is not a plain http.Agent; outgoing http requests are traced but not propagated');
  }
  if (Object.getPrototypeOf(originalHttps) === https.Agent.prototype) {
    installedHttps = new PropagatingHttpsAgent(agentOptionsOf(originalHttps));
    https.globalAgent = installedHttps;
  } else {
    diag.info('@skein/node http: https.globalAgent is not a plain https.Agent; outgoing https requests are traced but not propagated');
  }
  return () => {
    if (installedHttp !== undefined && http.globalAgent === installedHttp) {
      http.globalAgent = originalHttp;
      installedHttp.destroy();
    }
    if (installedHttps !== undefined && https.globalAgent === installedHttps) {
      https.globalAgent = originalHttps;
      installedHttps.destroy();
    }
  };
}

function agentOptionsOf(agent: http.Agent): http.AgentOptions {
  // Agent keeps its constructor options (plus `path: null`, which it sets itself).
  const options = { ...((agent as unknown as { options?: Record<string, unknown> }).options ?? {}) };
  delete options['path'];
  return options as http.AgentOptions;
}
