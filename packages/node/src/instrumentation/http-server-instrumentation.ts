import { subscribeChannels } from './subscribe-channels.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { context, diag, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span } from '@opentelemetry/api';
import { isTracingSuppressed } from '../export/suppress-tracing.js';
import { handOverStartAttributes } from '../trace/handed-over-attributes.js';
import { attachQuietly, registeredContextManager, supportsAttach } from './active-context-hook.js';
import { captureFromGetHeader, captureFromHeaderRecord } from './header-capture.js';
import { httpRouteOf, setHttpRoute } from './http-route.js';
import {
  clientAddressOf,
  defaultPortOfScheme,
  hostWithoutPort,
  httpSpanName,
  normalizeHttpMethod,
  portOfHost,
  redactQuery,
} from './http-semantics.js';
import type { HttpInstrumentationSettings } from './http-instrumentation-settings.js';
import { httpTracer } from './instrumentation-tracer.js';
import { takeCapturedRequestBody, watchRequestBody } from './request-body-capture.js';

// A subscriber must never throw: diagnostics_channel rethrows it as an uncaught exception.
//
// Server spans from `http.server.request.start` / `http.server.response.finish` (https uses the
// same machinery). Per-request state lives on the request object under a Symbol, and the
// listeners are module functions, so a request allocates its attributes, its span and its
// context, and nothing else (no closures).

const kServerSpan = Symbol('skein.http.serverSpan');
/** The context active when a connection's first request arrived, before we attached any. */
const kConnectionContext = Symbol('skein.http.connectionContext');
/** Responses on a connection whose spans are still open (usually one; more when pipelined). */
const kOpenResponses = Symbol('skein.http.openResponses');

type TracedRequest = IncomingMessage & { [kServerSpan]?: Span | null };
type TracedSocket = Socket & {
  [kConnectionContext]?: Context;
  [kOpenResponses]?: ServerResponse[];
  encrypted?: boolean;
};

interface ServerMessage {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly socket: Socket;
}

interface FastifyHandlerStore {
  readonly request?: { readonly raw?: IncomingMessage };
  readonly route?: { readonly url?: unknown };
  readonly error?: unknown;
}

let settings: HttpInstrumentationSettings | undefined;

/** Subscribes the server channels (and Fastify's); returns the unsubscribe. */
export function subscribeHttpServer(compiled: HttpInstrumentationSettings): () => void {
  settings = compiled;
  const unsubscribe = subscribeChannels([
    ['http.server.request.start', onRequestStart],
    ['http.server.response.finish', onResponseFinish],
    ['tracing:fastify.request.handler:start', onFastifyHandlerStart],
    ['tracing:fastify.request.handler:error', onFastifyHandlerError],
  ]);
  return () => {
    unsubscribe();
    if (settings === compiled) settings = undefined;
  };
}

function onRequestStart(message: unknown): void {
  try {
    startServerSpan(message as ServerMessage);
  } catch (error) {
    diag.error('@skein/node http: could not start a server span', error);
  }
}

function onResponseFinish(message: unknown): void {
  try {
    const { request, response, socket } = message as ServerMessage;
    endServerSpan(request as TracedRequest, response, socket as TracedSocket, true);
  } catch (error) {
    diag.error('@skein/node http: could not end a server span', error);
  }
}

/**
 * Ends the spans of responses that never finished because the connection closed (client
 * went away, socket destroyed or timed out). One listener per connection rather than a
 * 'close' listener per response: measurably cheaper on keep-alive connections.
 */
function onSocketClose(this: TracedSocket): void {
  const open = this[kOpenResponses];
  if (open === undefined || open.length === 0) return;
  for (const response of open.splice(0, open.length)) {
    try {
      endServerSpan(response.req as TracedRequest, response, this, false);
    } catch (error) {
      diag.error('@skein/node http: could not end a server span', error);
    }
  }
}

function startServerSpan({ request, response, socket }: ServerMessage): void {
  const current = settings;
  const traced = request as TracedRequest;
  if (current === undefined || traced[kServerSpan] !== undefined) return;
  traced[kServerSpan] = null;

  // The parser callback that publishes this channel runs in the connection's async resource,
  // and attaching a context there outlives the request: the next request on a keep-alive
  // connection would start out inside the previous request's span. So the connection's own
  // context is remembered once and restored for requests we leave untraced.
  const tracedSocket = socket as TracedSocket;
  const remembered = tracedSocket[kConnectionContext];
  const connectionContext = remembered ?? context.active();
  if (remembered === undefined) {
    tracedSocket[kConnectionContext] = connectionContext;
    tracedSocket[kOpenResponses] = [];
    socket.on('close', onSocketClose);
  }

  const target = request.url ?? '/';
  const question = target.indexOf('?');
  const path = question === -1 ? target : target.slice(0, question);
  if (isTracingSuppressed(connectionContext) || current.ignoreIncomingPath(path)) {
    if (remembered !== undefined) {
      const manager = registeredContextManager();
      if (supportsAttach(manager)) attachQuietly(manager, connectionContext);
    }
    return;
  }

  const method = request.method ?? 'GET';
  const normalizedMethod = normalizeHttpMethod(method);
  const scheme = tracedSocket.encrypted === true ? 'https' : 'http';
  const headers = request.headers;
  const host = headers.host;
  const hasHost = host !== undefined && host !== '';
  const peerAddress = socket.remoteAddress;
  // One literal with constant keys (V8 builds it from a boilerplate); optional ones follow.
  const attributes: Attributes = {
    'http.request.method': normalizedMethod,
    'url.path': path,
    'url.scheme': scheme,
    'server.address': hasHost ? hostWithoutPort(host) : socket.localAddress,
    'server.port': hasHost ? (portOfHost(host) ?? defaultPortOfScheme(scheme)) : socket.localPort,
    'client.address': clientAddressOf(headers['x-forwarded-for'], peerAddress),
    'network.peer.address': peerAddress,
    'network.peer.port': socket.remotePort,
    'network.protocol.version': request.httpVersion,
  };
  const userAgent = headers['user-agent'];
  if (userAgent !== undefined) attributes['user_agent.original'] = userAgent;
  if (normalizedMethod !== method) attributes['http.request.method_original'] = method;
  if (question !== -1 && question < target.length - 1) attributes['url.query'] = redactQuery(target.slice(question + 1));
  if (current.serverRequestHeaders.length > 0) captureFromHeaderRecord(current.serverRequestHeaders, headers, attributes);

  // A server span's parent is whatever the caller sent, never the connection's context.
  const parentContext = propagation.extract(ROOT_CONTEXT, headers);
  // The span may keep `attributes` itself instead of copying it: nothing here touches it again.
  handOverStartAttributes(attributes);
  const span = httpTracer().startSpan(httpSpanName(normalizedMethod, undefined), { kind: SpanKind.SERVER, attributes }, parentContext);
  handOverStartAttributes(undefined);
  traced[kServerSpan] = span;
  tracedSocket[kOpenResponses]!.push(response);
  const manager = registeredContextManager();
  if (supportsAttach(manager)) attachQuietly(manager, trace.setSpan(parentContext, span));
  if (current.requestBodyMaxBytes > 0) watchRequestBody(request, current.requestBodyMaxBytes);
}

function endServerSpan(request: TracedRequest, response: ServerResponse, socket: TracedSocket, finished: boolean): void {
  const span = request[kServerSpan];
  if (span === undefined || span === null) return;
  request[kServerSpan] = null;
  const open = socket[kOpenResponses];
  if (open !== undefined) {
    if (open[0] === response) open.shift();
    else {
      const index = open.indexOf(response);
      if (index !== -1) open.splice(index, 1);
    }
  }

  if (finished || response.headersSent) {
    const status = response.statusCode;
    span.setAttribute('http.response.status_code', status);
    // For a server, 4xx is the client's mistake; only 5xx marks the span as failed.
    if (status >= 500) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
  const route = httpRouteOf(request);
  if (route !== undefined) {
    span.setAttribute('http.route', route);
    span.updateName(httpSpanName(normalizeHttpMethod(request.method ?? 'GET'), route));
  }
  const current = settings;
  if (current !== undefined) {
    if (current.serverResponseHeaders.length > 0) {
      const captured: Attributes = {};
      captureFromGetHeader(current.serverResponseHeaders, response, captured);
      span.setAttributes(captured);
    }
    if (current.requestBodyMaxBytes > 0) {
      const body = takeCapturedRequestBody(request);
      if (body !== undefined) span.setAttribute('http.request.body', body);
    }
  }
  span.end();
}

// Fastify 5 publishes a tracing channel around each route handler: its store carries the
// route template and, on failure, the error — both without patching.

function onFastifyHandlerStart(message: unknown): void {
  try {
    const store = message as FastifyHandlerStore;
    const raw = store.request?.raw;
    const url = store.route?.url;
    if (raw !== undefined && typeof url === 'string') setHttpRoute(raw, url);
  } catch (error) {
    diag.error('@skein/node http: could not read the Fastify route', error);
  }
}

function onFastifyHandlerError(message: unknown): void {
  try {
    const store = message as FastifyHandlerStore;
    const raw = store.request?.raw as TracedRequest | undefined;
    const span = raw?.[kServerSpan];
    if (span === undefined || span === null) return;
    const error = store.error;
    if (error instanceof Error) span.recordException(error);
    else if (typeof error === 'string') span.recordException(error);
  } catch (error) {
    diag.error('@skein/node http: could not record a Fastify handler error', error);
  }
}
