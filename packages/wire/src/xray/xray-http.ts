import { int, str, bool, type AnyValue } from '@skein/model';
import { childPath, invalid, keepUnmapped, optionalBoolean, optionalInteger, optionalObject, optionalString, type JsonObject } from './xray-json-fields.js';
import { SEMCONV, XRAY_KEYS } from './xray-keys.js';

export interface HttpFacts {
  /** `http.response.status`, which decides the span status. */
  readonly status?: number;
  /** `http.request.client_ip` is set only by a server recording an incoming request. */
  readonly hasClientIp: boolean;
}

const REQUEST_FIELDS: ReadonlySet<string> = new Set(['method', 'client_ip', 'user_agent', 'url', 'x_forwarded_for']);
const RESPONSE_FIELDS: ReadonlySet<string> = new Set(['status', 'content_length']);
const HTTP_FIELDS: ReadonlySet<string> = new Set(['request', 'response']);

/**
 * `http` → HTTP attributes, after the collector's addHTTP (receiver/awsxrayreceiver/internal/
 * translator/http.go) with its stable-convention names: method → http.request.method,
 * client_ip → client.address, user_agent → user_agent.original, url → url.full, status →
 * http.response.status_code, content_length → http.response.body.size (a number as int, a
 * string kept as sent, as the collector does). Other fields are kept as `aws.xray.http.*`.
 */
export function mapHttp(http: JsonObject | undefined, path: string, attrs: Map<string, AnyValue>): HttpFacts {
  if (!http) return { hasClientIp: false };
  const httpPath = childPath(path, 'http');
  let hasClientIp = false;
  let status: number | undefined;

  const request = optionalObject(http, 'request', httpPath);
  if (request) {
    const p = childPath(httpPath, 'request');
    setString(attrs, SEMCONV.httpRequestMethod, optionalString(request, 'method', p));
    const clientIp = optionalString(request, 'client_ip', p);
    if (clientIp !== undefined) {
      hasClientIp = true;
      attrs.set(SEMCONV.clientAddress, str(clientIp));
    }
    setString(attrs, SEMCONV.userAgentOriginal, optionalString(request, 'user_agent', p));
    setString(attrs, SEMCONV.urlFull, optionalString(request, 'url', p));
    const forwarded = optionalBoolean(request, 'x_forwarded_for', p);
    if (forwarded !== undefined) attrs.set(XRAY_KEYS.xForwardedFor, bool(forwarded));
    keepUnmapped(request, REQUEST_FIELDS, `${XRAY_KEYS.httpPrefix}request.`, attrs);
  }

  const response = optionalObject(http, 'response', httpPath);
  if (response) {
    const p = childPath(httpPath, 'response');
    status = optionalInteger(response, 'status', p);
    if (status !== undefined) attrs.set(SEMCONV.httpResponseStatusCode, int(status));
    const length = Object.hasOwn(response, 'content_length') ? response.content_length : undefined;
    if (typeof length === 'number') attrs.set(SEMCONV.httpResponseBodySize, int(Math.trunc(length)));
    else if (typeof length === 'string') attrs.set(SEMCONV.httpResponseBodySize, str(length));
    else if (length !== undefined && length !== null) throw invalid(childPath(p, 'content_length'), 'expected a number');
    keepUnmapped(response, RESPONSE_FIELDS, `${XRAY_KEYS.httpPrefix}response.`, attrs);
  }
  keepUnmapped(http, HTTP_FIELDS, XRAY_KEYS.httpPrefix, attrs);
  return status === undefined ? { hasClientIp } : { status, hasClientIp };
}

function setString(attrs: Map<string, AnyValue>, key: string, value: string | undefined): void {
  if (value !== undefined) attrs.set(key, str(value));
}
