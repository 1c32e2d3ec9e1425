import { subscribeChannels } from './subscribe-channels.js';
import { context, diag, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Span, TextMapSetter } from '@opentelemetry/api';
import { isTracingSuppressed } from '../export/suppress-tracing.js';
import { captureFromFlatHeaders } from './header-capture.js';
import { recordRequestError } from './http-client-instrumentation.js';
import { defaultPortOfScheme, hostWithoutPort, httpSpanName, normalizeHttpMethod, portOfHost, sanitizeFullUrl } from './http-semantics.js';
import type { HttpInstrumentationSettings } from './http-instrumentation-settings.js';
import { httpTracer } from './instrumentation-tracer.js';
import { handOverStartAttributes } from '../trace/handed-over-attributes.js';

// Client spans for `fetch()` and undici, from the channels of Node's bundled undici.
// `undici:request:create` is published from the Request constructor inside fetch's own promise
// chain, so the active context is the caller's and `request.addHeader` can still add headers.
// The span's status comes with `undici:request:headers`; it ends at
// `undici:request:trailers` (the response body is complete) or `undici:request:error`.

const kFetchSpan = Symbol('skein.undici.span');

/** The parts of undici's internal Request that the channels hand us. */
interface UndiciRequest {
  origin?: unknown;
  path?: unknown;
  method?: unknown;
  /** Flat `[name, value, …]` in undici 6+, a `name: value\r\n` string before. */
  headers?: unknown;
  addHeader?: (name: string, value: string) => unknown;
  [kFetchSpan]?: Span | null;
}

interface UndiciMessage {
  readonly request: UndiciRequest;
  readonly response?: { readonly statusCode?: number; readonly headers?: unknown };
  readonly error?: unknown;
}

const undiciRequestSetter: TextMapSetter<UndiciRequest> = {
  set(request, key, value) {
    if (typeof request.addHeader === 'function') request.addHeader(key, value);
    else if (Array.isArray(request.headers)) request.headers.push(key, value);
    else if (typeof request.headers === 'string') request.headers += `${key}: ${value}\r\n`;
  },
};

let settings: HttpInstrumentationSettings | undefined;

export function subscribeFetch(compiled: HttpInstrumentationSettings): () => void {
  settings = compiled;
  const unsubscribe = subscribeChannels([
    ['undici:request:create', onRequestCreate],
    ['undici:request:headers', onResponseHeaders],
    ['undici:request:trailers', onResponseComplete],
    ['undici:request:error', onRequestError],
  ]);
  return () => {
    unsubscribe();
    if (settings === compiled) settings = undefined;
  };
}

function onRequestCreate(message: unknown): void {
  try {
    beginFetchSpan((message as UndiciMessage).request);
  } catch (error) {
    diag.error('@skein/node fetch: could not start a client span', error);
  }
}

function beginFetchSpan(request: UndiciRequest): void {
  const current = settings;
  if (current === undefined || request[kFetchSpan] !== undefined) return;
  request[kFetchSpan] = null;
  const method = typeof request.method === 'string' ? request.method : 'GET';
  if (method === 'CONNECT') return; // a tunnel, not an HTTP exchange
  const activeContext = context.active();
  if (isTracingSuppressed(activeContext)) return;

  // `origin` is a string like "http://127.0.0.1:8080" (a URL object in some versions).
  let origin = String(request.origin);
  if (origin.endsWith('/')) origin = origin.slice(0, -1);
  const schemeEnd = origin.indexOf('://');
  if (schemeEnd === -1) return;
  const scheme = origin.slice(0, schemeEnd);
  const authority = origin.slice(schemeEnd + 3);
  const host = hostWithoutPort(authority.slice(authority.lastIndexOf('@') + 1));
  const port = portOfHost(authority) ?? defaultPortOfScheme(scheme);
  const path = typeof request.path === 'string' ? request.path : '/';
  const url = sanitizeFullUrl(origin + path);
  if (current.ignoreOutgoing !== undefined && current.ignoreOutgoing({ host, hostAndPort: host + ':' + port, url })) return;

  const normalizedMethod = normalizeHttpMethod(method);
  const attributes: Attributes = {
    'http.request.method': normalizedMethod,
    'server.address': host,
    'server.port': port,
    'url.full': url,
  };
  if (normalizedMethod !== method) attributes['http.request.method_original'] = method;
  if (current.clientRequestHeaders.length > 0) captureFromFlatHeaders(current.clientRequestHeaders, request.headers, attributes);

  handOverStartAttributes(attributes); // nothing here touches it again: the span may keep it
  const span = httpTracer().startSpan(httpSpanName(normalizedMethod, undefined), { kind: SpanKind.CLIENT, attributes }, activeContext);
  handOverStartAttributes(undefined);
  request[kFetchSpan] = span;
  try {
    propagation.inject(trace.setSpan(activeContext, span), request, undiciRequestSetter);
  } catch (error) {
    diag.debug('@skein/node fetch: could not inject propagation headers', error);
  }
}

function onResponseHeaders(message: unknown): void {
  try {
    const { request, response } = message as UndiciMessage;
    const span = request[kFetchSpan];
    if (span === undefined || span === null || response === undefined) return;
    const status = response.statusCode ?? 0;
    span.setAttribute('http.response.status_code', status);
    if (status >= 400) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    const current = settings;
    if (current !== undefined && current.clientResponseHeaders.length > 0) {
      const captured: Attributes = {};
      captureFromFlatHeaders(current.clientResponseHeaders, response.headers, captured);
      span.setAttributes(captured);
    }
  } catch (error) {
    diag.error('@skein/node fetch: could not record a response', error);
  }
}

function onResponseComplete(message: unknown): void {
  try {
    const { request } = message as UndiciMessage;
    const span = request[kFetchSpan];
    if (span === undefined || span === null) return;
    request[kFetchSpan] = null;
    span.end();
  } catch (error) {
    diag.error('@skein/node fetch: could not end a client span', error);
  }
}

function onRequestError(message: unknown): void {
  try {
    const { request, error } = message as UndiciMessage;
    const span = request[kFetchSpan];
    if (span === undefined || span === null) return;
    request[kFetchSpan] = null;
    recordRequestError(span, error);
    span.end();
  } catch (error) {
    diag.error('@skein/node fetch: could not end a client span', error);
  }
}
