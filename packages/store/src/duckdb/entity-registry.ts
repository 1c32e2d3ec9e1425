import { serviceNameOf, type InstrumentationScope, type Resource } from '@skein/model';
import { resourceContentKey, scopeContentKey } from './entity-content-key.js';
import { ByteReader, ByteWriter, readAttributes, writeAttributes } from './binary-codec.js';

/**
 * Resources and instrumentation scopes repeat on every span a process sends, so they are stored
 * once (tables `resources`, `scopes`) and referenced by a small integer id. Both tables are small
 * (one row per distinct process/library version) and held in memory here, which also lets
 * resource-attribute search conditions be resolved to id sets in JS before the span scan.
 *
 * New entries found while encoding a batch go into a `RegistryTransaction`; they become visible
 * only after the batch's COMMIT succeeds, so a failed write leaves no ids behind.
 */
class EntityRegistry<T extends object> {
  private readonly byId = new Map<number, T>();
  private readonly byKey = new Map<string, number>();
  private readonly byObject = new WeakMap<T, number>();
  /** Committed entries by content key (entity-content-key.ts), for entities that have one. */
  private readonly byContent = new Map<string, number>();
  private nextId = 1;

  constructor(
    private readonly encode: (entity: T) => Uint8Array,
    private readonly decode: (bytes: Uint8Array) => T,
    private readonly contentKey: (entity: T) => string | undefined,
  ) {}

  private remember(id: number, entity: T): void {
    this.byObject.set(entity, id);
    const content = this.contentKey(entity);
    if (content !== undefined) this.byContent.set(content, id);
  }

  load(id: number, encoded: Uint8Array): void {
    const entity = this.decode(encoded);
    this.byId.set(id, entity);
    this.byKey.set(Buffer.from(encoded).toString('latin1'), id);
    this.remember(id, entity);
    if (id >= this.nextId) this.nextId = id + 1;
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }

  entries(): IterableIterator<[number, T]> {
    return this.byId.entries();
  }

  /** The id of `entity`, allocating one in `tx` if it is new. */
  idOf(entity: T, tx: Map<string, { id: number; entity: T; encoded: Uint8Array }>): number {
    const known = this.byObject.get(entity);
    if (known !== undefined) return known;
    const content = this.contentKey(entity);
    const committed = content === undefined ? undefined : this.byContent.get(content);
    if (committed !== undefined) {
      this.byObject.set(entity, committed);
      return committed;
    }
    const encoded = this.encode(entity);
    const key = Buffer.from(encoded).toString('latin1');
    const existing = this.byKey.get(key) ?? tx.get(key)?.id;
    if (existing !== undefined) {
      if (tx.get(key) === undefined) this.byObject.set(entity, existing);
      return existing;
    }
    const id = this.nextId + tx.size;
    tx.set(key, { id, entity, encoded });
    return id;
  }

  commit(tx: Map<string, { id: number; entity: T; encoded: Uint8Array }>): void {
    for (const [key, { id, entity }] of tx) {
      this.byId.set(id, entity);
      this.byKey.set(key, id);
      this.remember(id, entity);
      if (id >= this.nextId) this.nextId = id + 1;
    }
  }
}

export type PendingEntities<T> = Map<string, { id: number; entity: T; encoded: Uint8Array }>;

export function encodeResource(r: Resource): Uint8Array {
  const w = new ByteWriter();
  w.varint(r.droppedAttributesCount);
  writeAttributes(w, r.attributes);
  return w.finish();
}

export function decodeResource(b: Uint8Array): Resource {
  const r = new ByteReader(b);
  const droppedAttributesCount = r.varint();
  return { attributes: readAttributes(r), droppedAttributesCount };
}

export function encodeScope(s: InstrumentationScope): Uint8Array {
  const w = new ByteWriter();
  w.string(s.name);
  w.string(s.version);
  writeAttributes(w, s.attributes);
  return w.finish();
}

export function decodeScope(b: Uint8Array): InstrumentationScope {
  const r = new ByteReader(b);
  const name = r.string();
  const version = r.string();
  return { name, version, attributes: readAttributes(r) };
}

export class ResourceRegistry extends EntityRegistry<Resource> {
  constructor() {
    super(encodeResource, decodeResource, resourceContentKey);
  }

  /** Ids of the resources whose service.name resolves to `service`. */
  idsOfService(service: string): number[] {
    const ids: number[] = [];
    for (const [id, r] of this.entries()) if (serviceNameOf(r) === service) ids.push(id);
    return ids;
  }

  /** Ids of the resources `predicate` accepts. */
  idsWhere(predicate: (r: Resource) => boolean): number[] {
    const ids: number[] = [];
    for (const [id, r] of this.entries()) if (predicate(r)) ids.push(id);
    return ids;
  }
}

export class ScopeRegistry extends EntityRegistry<InstrumentationScope> {
  constructor() {
    super(encodeScope, decodeScope, scopeContentKey);
  }
}
