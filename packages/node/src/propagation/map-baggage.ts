import type { Baggage, BaggageEntry } from '@opentelemetry/api';

/**
 * An immutable Baggage over a Map. The propagators build extracted baggage straight into a
 * Map and wrap it, instead of going through `propagation.createBaggage(record)`, which copies
 * a record into a Map again (and a record is the wrong container for untrusted keys anyway:
 * "__proto__" must be an entry, not a prototype). Behaves like @opentelemetry/api's own.
 */
export class MapBaggage implements Baggage {
  /** Takes ownership of `entries`: the caller must not change it afterwards. */
  constructor(private readonly entries: ReadonlyMap<string, BaggageEntry> = new Map()) {}

  getEntry(key: string): BaggageEntry | undefined {
    const entry = this.entries.get(key);
    // A copy, as the API's implementation returns: callers must not be able to change ours.
    return entry === undefined ? undefined : { ...entry };
  }

  getAllEntries(): [string, BaggageEntry][] {
    return Array.from(this.entries, ([key, entry]) => [key, entry]);
  }

  setEntry(key: string, entry: BaggageEntry): MapBaggage {
    const next = new Map(this.entries);
    next.set(key, entry);
    return new MapBaggage(next);
  }

  removeEntry(key: string): MapBaggage {
    if (!this.entries.has(key)) return this;
    const next = new Map(this.entries);
    next.delete(key);
    return new MapBaggage(next);
  }

  removeEntries(...keys: string[]): MapBaggage {
    const next = new Map(this.entries);
    for (const key of keys) next.delete(key);
    return new MapBaggage(next);
  }

  clear(): MapBaggage {
    return new MapBaggage();
  }
}
