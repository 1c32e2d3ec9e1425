import { diag } from '@opentelemetry/api';

/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses OTEL_EXPORTER_OTLP_HEADERS-style lists: `key=value` pairs separated by commas, with
 * surrounding spaces trimmed and both parts percent-decoded (W3C Baggage's format, which the
 * OpenTelemetry spec uses), so `x-honeycomb-team=abc,Authorization=Basic%20dXNlcg%3D%3D` works.
 * Malformed entries are skipped with a diag warning naming `source`; the value is not logged
 * (it is usually a secret). Header names are lower-cased.
 */
export function parseHeaderList(text: string, source: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const equals = entry.indexOf('=');
    if (equals <= 0) {
      diag.warn(`${source}: skipping an entry without key=value`);
      continue;
    }
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(entry.slice(0, equals).trim());
      value = decodeURIComponent(entry.slice(equals + 1).trim());
    } catch {
      diag.warn(`${source}: skipping an entry with bad percent-encoding`);
      continue;
    }
    if (!HEADER_NAME.test(key)) {
      diag.warn(`${source}: skipping ${JSON.stringify(key)}, not a valid header name`);
      continue;
    }
    if (/[\r\n\0]/.test(value)) {
      diag.warn(`${source}: skipping the value of ${key}: it contains a line break or NUL`);
      continue;
    }
    headers[key.toLowerCase()] = value;
  }
  return headers;
}
