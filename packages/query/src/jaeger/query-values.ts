/**
 * A request's query string as Go's `url.Values` sees it: a parameter may repeat (`tag=a:1&tag=b:2`),
 * `first` is what Go's `FormValue` returns, and an empty value counts as absent (Jaeger treats
 * `service=` like no service).
 */
export class QueryValues {
  private constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  /** From Fastify's parsed query (`string | string[]` per key). */
  static from(query: unknown): QueryValues {
    const values = new Map<string, string[]>();
    if (query && typeof query === 'object') {
      for (const [key, raw] of Object.entries(query as Record<string, unknown>)) {
        const list = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
        values.set(key, list);
      }
    }
    return new QueryValues(values);
  }

  /** The first non-empty value among `names` (canonical name first, then aliases), with the name that supplied it. */
  firstOf(...names: string[]): { name: string; value: string } | undefined {
    for (const name of names) {
      const value = this.values.get(name)?.[0];
      if (value !== undefined && value !== '') return { name, value };
    }
    return undefined;
  }

  first(name: string): string | undefined {
    return this.firstOf(name)?.value;
  }

  all(name: string): readonly string[] {
    return (this.values.get(name) ?? []).filter((v) => v !== '');
  }
}
