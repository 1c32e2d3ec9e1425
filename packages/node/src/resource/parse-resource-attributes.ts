import { diag } from '@opentelemetry/api';

/**
 * OTEL_RESOURCE_ATTRIBUTES: `key1=value1,key2=value2`, W3C Baggage syntax without metadata,
 * keys and values percent-decoded, every value a string. Entries around `,` and `=` may carry
 * spaces. A bad entry (no `=`, an empty key, broken percent-encoding) is skipped with a warning
 * and the rest are kept: one typo should not lose the service's other attributes. (The spec
 * suggests discarding the whole value on any error; this is deliberately more forgiving.)
 * A later duplicate key wins.
 */
export function parseResourceAttributes(value: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (value === undefined) return attributes;
  for (const entry of value.split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    if (eq < 0) {
      skip(entry, 'has no "="');
      continue;
    }
    const key = decode(entry.slice(0, eq).trim());
    const val = decode(entry.slice(eq + 1).trim());
    if (key === undefined || val === undefined) {
      skip(entry, 'is not valid percent-encoding');
      continue;
    }
    if (key === '') {
      skip(entry, 'has an empty key');
      continue;
    }
    attributes[key] = val;
  }
  return attributes;
}

function decode(text: string): string | undefined {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function skip(entry: string, problem: string): void {
  diag.warn(`OTEL_RESOURCE_ATTRIBUTES: skipping ${JSON.stringify(entry.trim())}, which ${problem}`);
}
