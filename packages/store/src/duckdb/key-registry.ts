/**
 * Attribute keys repeat on every span (`http.response.status_code` ~25 bytes, ten of them per
 * span), so spans store a small integer per key and the `attribute_keys` table maps them back.
 * Distinct keys are few (hundreds) and held in memory, which also turns a search's key into an
 * integer comparison. New keys of a batch are pending until its COMMIT succeeds.
 */
export class KeyRegistry {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];

  load(id: number, key: string): void {
    this.ids.set(key, id);
    this.keys[id] = key;
  }

  /** The id of a stored key, or undefined if no span ever had it. */
  lookup(key: string): number | undefined {
    return this.ids.get(key);
  }

  keyOf(id: number): string {
    const key = this.keys[id];
    if (key === undefined) throw new Error(`unknown attribute key id ${id}`);
    return key;
  }

  /** The id of `key`, allocating one in `pending` if it is new. */
  idOf(key: string, pending: Map<string, number>): number {
    const known = this.ids.get(key) ?? pending.get(key);
    if (known !== undefined) return known;
    const id = this.keys.length + pending.size;
    pending.set(key, id);
    return id;
  }

  commit(pending: ReadonlyMap<string, number>): void {
    for (const [key, id] of pending) this.load(id, key);
  }
}
