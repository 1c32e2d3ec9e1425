import { subscribeChannels } from './subscribe-channels.js';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { context, diag, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Span, TextMapSetter } from '@opentelemetry/api';
import { isTracingSuppressed } from '../export/suppress-tracing.js';
import { captureFromGetHeader, captureFromHeaderRecord } from './header-capture.js';
import { defaultPortOfScheme, errorTypeOf, httpSpanName, normalizeHttpMethod, portOfHost, sanitizeFullUrl, hostWithoutPort } from './http-semantics.js';
import type { HttpInstrumentationSettings } from './http-instrumentation-settings.js';
import { httpTracer } from './instrumentation-tracer.js';
import { handOverStartAttributes } from '../trace/handed-over-attributes.js';

// Client spans for `http`/`https` requests. Where a span can begin depends on the Node version:
// - `http.client.request.created` (Node 22.12+/23.2+) is published from the ClientRequest
//   constructor, in the caller's context, before headers are rendered: span and injection
//   happen there.
// - Before that, `http.client.request.start` is published from ClientRequest#_finish, after
//   end() and after the headers went to the socket (even `http.get` — verified on Node 20.20,
//   where setHeader then throws ERR_HTTP_HEADERS_SENT), sometimes even after the response.
//   Injection is only possible from the Agent (see propagating-agent.ts), which calls
//   `beginClientSpan` from addRequest, inside the constructor. Requests through other agents
//   still get a span, begun at start (or at the response, whichever comes first).
// Beginning is idempotent per request, so whichever hook runs first wins.

const kClientSpan = Symbol('skein.http.clientSpan');

/** undefined: not seen yet; null: seen and not traced (or already ended). */
type TracedClientRequest = ClientRequest & { [kClientSpan]?: Span | null; host?: string; protocol?: string };

interface ClientMessage {
  readonly request: ClientRequest;
  readonly response?: IncomingMessage;
  readonly error?: unknown;
}

const outgoingMessageSetter: TextMapSetter<ClientRequest> = {
  set(carrier, key, value) {
    carrier.setHeader(key, value);
  },
};

let settings: HttpInstrumentationSettings | undefined;

export function subscribeHttpClient(compiled: HttpInstrumentationSettings): () => void {
  settings = compiled;
  const unsubscribe = subscribeChannels([
    ['http.client.request.created', onRequestCreatedOrStarted],
    ['http.client.request.start', onRequestCreatedOrStarted],
    ['http.client.response.finish', onResponseFinish],
    ['http.client.request.error', onRequestError],
  ]);
  return () => {
    unsubscribe();
    if (settings === compiled) settings = undefined;
  };
}

/** True while the client side is subscribed (propagating agents do nothing otherwise). */
export function isHttpClientInstrumentationActive(): boolean {
  return settings !== undefined;
}

function onRequestCreatedOrStarted(message: unknown): void {
  try {
    beginClientSpan((message as ClientMessage).request, undefined);
  } catch (error) {
    diag.error('@skein/node http: could not start a client span', error);
  }
}

function onResponseFinish(message: unknown): void {
  try {
    const { request, response } = message as ClientMessage;
    const span = spanToEnd(request as TracedClientRequest);
    if (span === undefined || response === undefined) return;
    const status = response.statusCode ?? 0;
    span.setAttribute('http.response.status_code', status);
    span.setAttribute('network.protocol.version', response.httpVersion);
    if (status >= 400) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    const current = settings;
    if (current !== undefined && current.clientResponseHeaders.length > 0) {
      const captured: Attributes = {};
      captureFromHeaderRecord(current.clientResponseHeaders, response.headers, captured);
      span.setAttributes(captured);
    }
    span.end();
  } catch (error) {
    diag.error('@skein/node http: could not end a client span', error);
  }
}

function onRequestError(message: unknown): void {
  try {
    const { request, error } = message as ClientMessage;
    const span = spanToEnd(request as TracedClientRequest);
    if (span === undefined) return;
    recordRequestError(span, error);
    span.end();
  } catch (error) {
    diag.error('@skein/node http: could not end a client span', error);
  }
}

export function recordRequestError(span: Span, error: unknown): void {
  if (error instanceof Error || typeof error === 'string') span.recordException(error);
  span.setAttribute('error.type', errorTypeOf(error));
  const description = error instanceof Error ? error.message : undefined;
  span.setStatus(description === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message: description });
}

/** The span to end now (begun late if no earlier hook saw the request), marked as ended. */
function spanToEnd(request: TracedClientRequest): Span | undefined {
  if (request[kClientSpan] === undefined) beginClientSpan(request, undefined);
  const span = request[kClientSpan];
  if (span === undefined || span === null) return undefined;
  request[kClientSpan] = null;
  return span;
}

/**
 * Starts the client span for a request (once) in the active context and, while the headers
 * are still unsent, injects the propagation headers. `portHint` is the port from the
 * request options when the caller has them (the Agent does); otherwise it comes from the Host
 * header or the scheme.
 */
export function beginClientSpan(request: ClientRequest, portHint: number | undefined): void {
  const current = settings;
  const traced = request as TracedClientRequest;
  if (current === undefined || traced[kClientSpan] !== undefined) return;
  traced[kClientSpan] = null;
  const activeContext = context.active();
  if (isTracingSuppressed(activeContext)) return;

  const method = request.method;
  const normalizedMethod = normalizeHttpMethod(method);
  const protocol = traced.protocol ?? 'http:';
  const scheme = protocol.endsWith(':') ? protocol.slice(0, -1) : protocol;
  const hostHeader = request.getHeader('host');
  const host = traced.host ?? (typeof hostHeader === 'string' ? hostWithoutPort(hostHeader) : 'localhost');
  const port =
    portHint ??
    (typeof hostHeader === 'string' && hostWithoutPort(hostHeader) === host ? portOfHost(hostHeader) : undefined) ??
    defaultPortOfScheme(scheme);
  const authority = host.includes(':') ? '[' + host + ']' : host;
  const url = sanitizeFullUrl(
    scheme + '://' + authority + (port === defaultPortOfScheme(scheme) ? '' : ':' + port) + request.path,
  );
  if (current.ignoreOutgoing !== undefined && current.ignoreOutgoing({ host, hostAndPort: host + ':' + port, url })) return;

  const attributes: Attributes = {
    'http.request.method': normalizedMethod,
    'server.address': host,
    'server.port': port,
    'url.full': url,
  };
  if (normalizedMethod !== method) attributes['http.request.method_original'] = method;
  if (current.clientRequestHeaders.length > 0) captureFromGetHeader(current.clientRequestHeaders, request, attributes);

  handOverStartAttributes(attributes); // nothing here touches it again: the span may keep it
  const span = httpTracer().startSpan(httpSpanName(normalizedMethod, undefined), { kind: SpanKind.CLIENT, attributes }, activeContext);
  handOverStartAttributes(undefined);
  traced[kClientSpan] = span;
  if (!request.headersSent) {
    try {
      propagation.inject(trace.setSpan(activeContext, span), request, outgoingMessageSetter);
    } catch (error) {
      diag.debug('@skein/node http: could not inject propagation headers', error);
    }
  }
}
