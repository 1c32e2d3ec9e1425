import type { Attributes } from '@opentelemetry/api';

// Header capture per the HTTP semantic conventions: `http.request.header.<lowercase name>` and
// `http.response.header.<lowercase name>`, each a string array. The list of names is compiled
// once (attribute key and redaction decided up front), so a request only does lookups.

export const REDACTED = 'REDACTED';

const ALWAYS_SECRET = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const SECRET_NAME = /token|secret|password|api[-_]?key/i;

/** True for headers whose values are credentials: they are captured as `REDACTED`. */
export function isSecretHeaderName(lowercaseName: string): boolean {
  return ALWAYS_SECRET.has(lowercaseName) || SECRET_NAME.test(lowercaseName);
}

export interface CapturedHeader {
  /** Lowercase header name, as Node keys `IncomingMessage.headers`. */
  readonly name: string;
  readonly attributeKey: string;
  readonly redact: boolean;
}

export type HeaderDirection = 'request' | 'response';

/** Normalizes (trim, lowercase, drop empties and duplicates) and precomputes keys. */
export function compileCapturedHeaders(names: readonly string[] | undefined, direction: HeaderDirection): readonly CapturedHeader[] {
  if (names === undefined) return [];
  const seen = new Set<string>();
  const result: CapturedHeader[] = [];
  for (const raw of names) {
    if (typeof raw !== 'string') continue;
    const name = raw.trim().toLowerCase();
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    result.push({ name, attributeKey: `http.${direction}.header.${name}`, redact: isSecretHeaderName(name) });
  }
  return result;
}

/** The captured value for one header: a string array, or undefined when the header is absent. */
export function headerValueToAttribute(header: CapturedHeader, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const out = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = header.redact ? REDACTED : String(value[i]);
    return out;
  }
  return [header.redact ? REDACTED : String(value)];
}

/** Captures from a lookup such as `IncomingMessage.headers` (lowercase keys). */
export function captureFromHeaderRecord(headers: readonly CapturedHeader[], record: Readonly<Record<string, unknown>>, into: Attributes): void {
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i]!;
    const value = headerValueToAttribute(header, record[header.name]);
    if (value !== undefined) into[header.attributeKey] = value;
  }
}

/** Captures from an object with `getHeader(name)`, such as `ServerResponse` or `ClientRequest`. */
export function captureFromGetHeader(headers: readonly CapturedHeader[], message: { getHeader(name: string): unknown }, into: Attributes): void {
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i]!;
    const value = headerValueToAttribute(header, message.getHeader(header.name));
    if (value !== undefined) into[header.attributeKey] = value;
  }
}

/**
 * Captures from undici's flat header list (`[name, value, name, value, …]`, strings or
 * Buffers, any case) or its older `name: value\r\n` string form. Repeated headers become
 * several array entries.
 */
export function captureFromFlatHeaders(headers: readonly CapturedHeader[], flat: unknown, into: Attributes): void {
  if (headers.length === 0) return;
  const pairs = Array.isArray(flat) ? flat : typeof flat === 'string' ? headerStringToFlatList(flat) : undefined;
  if (pairs === undefined) return;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i]!;
    let values: string[] | undefined;
    for (let j = 0; j + 1 < pairs.length; j += 2) {
      if (String(pairs[j]).toLowerCase() !== header.name) continue;
      (values ??= []).push(header.redact ? REDACTED : String(pairs[j + 1]));
    }
    if (values !== undefined) into[header.attributeKey] = values;
  }
}

function headerStringToFlatList(text: string): string[] {
  const flat: string[] = [];
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) flat.push(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return flat;
}
