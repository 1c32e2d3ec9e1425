/**
 * An attribute "shape" is the ordered list of (type, key) a span's attributes have. Spans of one
 * operation from one instrumentation almost always share their shape, so a span stores a single
 * `shape_id` plus its values in typed lists; the keys and their order live here (table
 * `attribute_shapes`, held in memory). This removes five key lists per span from disk and from
 * the write path, and turns "attribute k = v" into "shape_id IN (shapes with k at position p)
 * AND str_values[p] = v": a positional read instead of a search through the keys.
 *
 * New shapes of a batch are pending until its COMMIT succeeds.
 */
export interface AttributeShape {
  readonly id: number;
  /** One ATTR_TYPE letter per attribute, in original order. */
  readonly types: string;
  /** The key id of each attribute, in original order. */
  readonly keyIds: readonly number[];
}

/** Where a key sits in one type's value list: 1-based `position`, in the listed shapes. */
export interface KeyPosition {
  readonly position: number;
  readonly shapeIds: number[];
}

export type PendingShapes = Map<string, AttributeShape>;

export class ShapeRegistry {
  private readonly ids = new Map<string, number>();
  private readonly shapes: AttributeShape[] = [];

  static keyOf(types: string, keyIds: string): string {
    return `${types}|${keyIds}`;
  }

  load(id: number, types: string, keyIds: readonly number[]): void {
    const shape = { id, types, keyIds };
    this.shapes[id] = shape;
    this.ids.set(ShapeRegistry.keyOf(types, keyIds.join(',')), id);
  }

  get(id: number): AttributeShape {
    const shape = this.shapes[id];
    if (!shape) throw new Error(`unknown attribute shape ${id}`);
    return shape;
  }

  /** The id of the shape (`keyIds` comma-joined), allocating one in `pending` if it is new. */
  idOf(types: string, keyIds: string, pending: PendingShapes): number {
    const key = ShapeRegistry.keyOf(types, keyIds);
    const known = this.ids.get(key) ?? pending.get(key)?.id;
    if (known !== undefined) return known;
    const id = this.shapes.length + pending.size;
    pending.set(key, { id, types, keyIds: keyIds === '' ? [] : keyIds.split(',').map(Number) });
    return id;
  }

  commit(pending: PendingShapes): void {
    for (const shape of pending.values()) this.load(shape.id, shape.types, shape.keyIds);
  }

  /** Shapes that have the key at all. */
  shapesWithKey(keyId: number): number[] {
    const out: number[] = [];
    for (const shape of this.shapes) if (shape && shape.keyIds.includes(keyId)) out.push(shape.id);
    return out;
  }

  /**
   * Where the LAST attribute with the key sits, for shapes where that attribute has type `type`:
   * the attribute `findAttribute` reads in JS (a later duplicate overrides), so SQL and the memory
   * store agree on spans that repeat a key.
   */
  lastPositionsOf(keyId: number, type: string): KeyPosition[] {
    const byPosition = new Map<number, number[]>();
    for (const shape of this.shapes) {
      if (!shape) continue;
      const index = shape.keyIds.lastIndexOf(keyId);
      if (index < 0 || shape.types[index] !== type) continue;
      let position = 0;
      for (let i = 0; i <= index; i++) if (shape.types[i] === type) position++;
      const list = byPosition.get(position);
      if (list) list.push(shape.id);
      else byPosition.set(position, [shape.id]);
    }
    return [...byPosition].sort((a, b) => a[0] - b[0]).map(([position, shapeIds]) => ({ position, shapeIds }));
  }

  /** For one type letter: each position the key takes in that type's value list, with its shapes. */
  positionsOf(keyId: number, type: string): KeyPosition[] {
    const byPosition = new Map<number, number[]>();
    for (const shape of this.shapes) {
      if (!shape) continue;
      let position = 0;
      for (let i = 0; i < shape.types.length; i++) {
        if (shape.types[i] !== type) continue;
        position++;
        if (shape.keyIds[i] !== keyId) continue;
        const list = byPosition.get(position);
        if (list) list.push(shape.id);
        else byPosition.set(position, [shape.id]);
      }
    }
    return [...byPosition].sort((a, b) => a[0] - b[0]).map(([position, shapeIds]) => ({ position, shapeIds }));
  }
}
