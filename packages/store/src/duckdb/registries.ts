import { serviceNameOf, type InstrumentationScope, type Resource, type Span } from '@skein/model';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ResourceRegistry, ScopeRegistry, type PendingEntities } from './entity-registry.js';
import { KeyRegistry } from './key-registry.js';
import { ShapeRegistry, type PendingShapes } from './shape-registry.js';
import type { SpanIds } from './span-insert.js';

/**
 * The four small dictionaries spans refer to by id (resources, scopes, attribute keys, attribute
 * shapes), loaded once at open and kept in memory. A batch gets a `RegistryBatch`: it hands out
 * ids (new ones pending), writes the new rows inside the batch's transaction, and makes them
 * visible only once that transaction committed.
 */
export class Registries {
  readonly resources = new ResourceRegistry();
  readonly scopes = new ScopeRegistry();
  readonly keys = new KeyRegistry();
  readonly shapes = new ShapeRegistry();

  async load(c: DuckDBConnection): Promise<void> {
    for (const [id, encoded] of (await c.runAndReadAll('SELECT id, encoded FROM resources')).getRowsJS() as [number, Uint8Array][]) this.resources.load(id, new Uint8Array(encoded));
    for (const [id, encoded] of (await c.runAndReadAll('SELECT id, encoded FROM scopes')).getRowsJS() as [number, Uint8Array][]) this.scopes.load(id, new Uint8Array(encoded));
    for (const [id, key] of (await c.runAndReadAll('SELECT id, key FROM attribute_keys')).getRowsJS() as [number, string][]) this.keys.load(id, key);
    for (const [id, types, keyIds] of (await c.runAndReadAll('SELECT id, types, key_ids FROM attribute_shapes')).getRowsJS() as [number, string, string][]) {
      this.shapes.load(id, types, keyIds === '' ? [] : keyIds.split(',').map(Number));
    }
  }

  batch(): RegistryBatch {
    return new RegistryBatch(this);
  }
}

export class RegistryBatch {
  private readonly resources: PendingEntities<Resource> = new Map();
  private readonly scopes: PendingEntities<InstrumentationScope> = new Map();
  private readonly keys = new Map<string, number>();
  private readonly shapes: PendingShapes = new Map();
  readonly ids: SpanIds;

  constructor(private readonly registries: Registries) {
    this.ids = {
      resource: (span: Span) => registries.resources.idOf(span.resource, this.resources),
      scope: (span: Span) => registries.scopes.idOf(span.scope, this.scopes),
      key: (key: string) => registries.keys.idOf(key, this.keys),
      shape: (types: string, keyIds: string) => registries.shapes.idOf(types, keyIds, this.shapes),
    };
  }

  /** Inserts the new entries; call inside the batch's transaction. */
  async insert(c: DuckDBConnection): Promise<void> {
    if (this.resources.size > 0) {
      await insertRows(c, 'resources', [...this.resources.values()].map((e) => [e.id, serviceNameOf(e.entity), { blob: e.encoded }]));
    }
    if (this.scopes.size > 0) await insertRows(c, 'scopes', [...this.scopes.values()].map((e) => [e.id, { blob: e.encoded }]));
    if (this.keys.size > 0) await insertRows(c, 'attribute_keys', [...this.keys].map(([key, id]) => [id, key]));
    if (this.shapes.size > 0) await insertRows(c, 'attribute_shapes', [...this.shapes.values()].map((s) => [s.id, s.types, s.keyIds.join(',')]));
  }

  /** Makes the new entries visible; call after COMMIT succeeded. */
  commit(): void {
    this.registries.resources.commit(this.resources);
    this.registries.scopes.commit(this.scopes);
    this.registries.keys.commit(this.keys);
    this.registries.shapes.commit(this.shapes);
  }
}

type Cell = number | string | { blob: Uint8Array };

/** One multi-row INSERT; ids inline (ours), text and bytes as bound parameters. */
async function insertRows(c: DuckDBConnection, table: string, rows: Cell[][]): Promise<void> {
  const params: string[] = [];
  const values = rows.map((row) =>
    row
      .map((cell) => {
        if (typeof cell === 'number') return String(cell);
        if (typeof cell === 'string') {
          params.push(cell);
          return `$${params.length}`;
        }
        params.push(Buffer.from(cell.blob).toString('base64'));
        return `from_base64($${params.length})`;
      })
      .join(', '),
  );
  await c.run(`INSERT INTO ${table} VALUES ${values.map((v) => `(${v})`).join(', ')}`, params);
}
