// Small pure helpers that turn raw HTTP facts into semantic-convention values. Kept free of
// `new URL()` and regular expressions on the common path because they run on every request.

/**
 * The method as semantic conventions want it: one of the methods known to HTTP, matched
 * exactly (the convention treats `get` as unknown), or `_OTHER`.
 */
export function normalizeHttpMethod(method: string): string {
  switch (method) {
    case 'GET':
    case 'POST':
    case 'PUT':
    case 'DELETE':
    case 'HEAD':
    case 'OPTIONS':
    case 'PATCH':
    case 'CONNECT':
    case 'TRACE':
      return method;
    default:
      return '_OTHER';
  }
}

/** `{method} {route}`, `{method}` without a route; `HTTP` stands in for an unknown method. */
export function httpSpanName(normalizedMethod: string, route: string | undefined): string {
  const method = normalizedMethod === '_OTHER' ? 'HTTP' : normalizedMethod;
  return route === undefined || route === '' ? method : method + ' ' + route;
}

/** The host part of a Host header or authority: `example.com`, `::1` (brackets removed). */
export function hostWithoutPort(host: string): string {
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    return close === -1 ? host : host.slice(1, close);
  }
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** The explicit port of a Host header or authority, or undefined when it has none. */
export function portOfHost(host: string): number | undefined {
  const colon = host.lastIndexOf(':');
  if (colon === -1 || host.indexOf(']', colon) !== -1) return undefined;
  if (host.charCodeAt(0) !== 91 /* [ */ && host.indexOf(':') !== colon) return undefined; // bare IPv6
  // Plain decimal digits (the usual case) are read in place: no substring, no Number().
  let port = 0;
  const end = host.length;
  if (end - colon - 1 >= 1 && end - colon - 1 <= 5) {
    for (let i = colon + 1; i < end; i++) {
      const digit = host.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) {
        port = -1;
        break;
      }
      port = port * 10 + digit;
    }
  } else {
    port = -1;
  }
  if (port === -1) port = Number(host.slice(colon + 1));
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

export function defaultPortOfScheme(scheme: string): number {
  return scheme === 'https' ? 443 : 80;
}

/**
 * The original client per X-Forwarded-For (its first entry), else the socket's peer.
 * Only the first entry matters: the rest are proxies that added themselves.
 */
export function clientAddressOf(forwardedFor: string | string[] | undefined, peerAddress: string | undefined): string | undefined {
  const header = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor?.[0];
  if (header === undefined) return peerAddress;
  const comma = header.indexOf(',');
  const first = (comma === -1 ? header : header.slice(0, comma)).trim();
  return first === '' ? peerAddress : first;
}

/** Query parameters whose values are credentials (pre-signed URLs); semantic conventions redact them. */
const SENSITIVE_QUERY_PARAMETER = /([?&](?:AWSAccessKeyId|Signature|sig|X-Goog-Signature)=)[^&#]*/g;

/** The query string with the values of credential-carrying parameters replaced by `REDACTED`. */
export function redactQuery(query: string): string {
  // indexOf pre-checks keep the regular expression off the common path.
  if (query.indexOf('ig') === -1 && query.indexOf('AWSAccessKeyId') === -1) return query;
  const prefixed = '?' + query;
  return prefixed.replace(SENSITIVE_QUERY_PARAMETER, '$1REDACTED').slice(1);
}

/**
 * An absolute URL fit for `url.full`: user name and password replaced by
 * `REDACTED:REDACTED` (what the semantic conventions ask for), and credential-carrying query
 * parameters redacted.
 */
export function sanitizeFullUrl(url: string): string {
  let result = url;
  const schemeEnd = result.indexOf('://');
  if (schemeEnd !== -1) {
    const authorityStart = schemeEnd + 3;
    let authorityEnd = result.length;
    for (let i = authorityStart; i < result.length; i++) {
      const c = result.charCodeAt(i);
      if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) {
        authorityEnd = i;
        break;
      }
    }
    const at = result.lastIndexOf('@', authorityEnd - 1);
    if (at >= authorityStart) {
      result = result.slice(0, authorityStart) + 'REDACTED:REDACTED' + result.slice(at);
    }
  }
  const question = result.indexOf('?');
  if (question !== -1) {
    const hash = result.indexOf('#', question);
    const queryEnd = hash === -1 ? result.length : hash;
    const query = result.slice(question + 1, queryEnd);
    const redacted = redactQuery(query);
    if (redacted !== query) result = result.slice(0, question + 1) + redacted + result.slice(queryEnd);
  }
  return result;
}

/** A short, low-cardinality description of an error for `error.type`. */
export function errorTypeOf(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return '_OTHER';
}
