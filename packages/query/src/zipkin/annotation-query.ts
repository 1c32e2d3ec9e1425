import type { AttributeCondition } from '@skein/store';

/**
 * Zipkin's `annotationQuery`, e.g. `http.path=/foo and retried and error`, parsed exactly as
 * zipkin2.storage.QueryRequest.Builder#parseAnnotationQuery does: terms split on " and " (at
 * most 100), `key=value` terms constrain a tag (the last one for a key wins), bare terms
 * match an annotation value OR a tag key and never override a `key=value` term; keys and values
 * are trimmed; empty keys are ignored.
 */
export interface ParsedAnnotationQuery {
  /** `key=value` terms. */
  readonly tagEquals: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** A bare `error`: spans whose status is ERROR (Zipkin's error tag, and OTLP's status alike). */
  readonly error: boolean;
  /** Other bare terms: an annotation with that value, or a tag with that key. */
  readonly bare: readonly string[];
}

export function parseAnnotationQuery(text: string | undefined): ParsedAnnotationQuery {
  const terms = new Map<string, string>(); // key → value ('' for a bare term), in Zipkin's order
  if (text) {
    for (const term of splitLimit(text, ' and ', 100)) {
      const eq = term.indexOf('=');
      if (eq === -1) {
        const key = term.trim();
        if (!terms.has(key)) terms.set(key, '');
      } else {
        terms.set(term.slice(0, eq).trim(), term.slice(eq + 1).trim());
      }
    }
  }
  const tagEquals: { key: string; value: string }[] = [];
  const bare: string[] = [];
  let error = false;
  for (const [key, value] of terms) {
    if (key === '') continue;
    // A `key=` term has an empty value, which Zipkin treats like a bare term.
    if (value !== '') tagEquals.push({ key, value });
    else if (key === 'error') error = true;
    else bare.push(key);
  }
  return { tagEquals, error, bare };
}

/**
 * The store conditions for one choice per bare term: `true` at position i reads bare[i] as a
 * tag key, `false` as an annotation value. TraceQuery has no OR, so a caller runs one query per
 * choice vector that can match and merges the results.
 */
export function conditionsFor(parsed: ParsedAnnotationQuery, asTagKey: readonly boolean[]): AttributeCondition[] {
  const conditions: AttributeCondition[] = parsed.tagEquals.map(({ key, value }) => ({ key, op: '=' as const, value }));
  parsed.bare.forEach((word, i) => conditions.push(asTagKey[i] ? { key: word, op: 'exists' } : { op: 'event', value: word }));
  return conditions;
}

/** Java's String.split(regex, limit) for a literal separator: at most `limit` parts, the last keeps the rest. */
function splitLimit(text: string, separator: string, limit: number): string[] {
  const parts: string[] = [];
  let from = 0;
  while (parts.length < limit - 1) {
    const at = text.indexOf(separator, from);
    if (at === -1) break;
    parts.push(text.slice(from, at));
    from = at + separator.length;
  }
  parts.push(text.slice(from));
  return parts;
}
