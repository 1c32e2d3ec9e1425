import type { RowRef } from './model/visible-rows.js';

/** Where each visible row sits, so keyboard moves and "scroll to span" are O(1). */
export interface RowIndex {
  of(row: RowRef): number;
}

export function indexRows(rows: readonly RowRef[], nodeCount: number, runCount: number): RowIndex {
  const nodes = new Int32Array(nodeCount).fill(-1);
  const runs = new Int32Array(runCount).fill(-1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r >= 0) nodes[r] = i;
    else runs[-r - 1] = i;
  }
  return { of: (row) => (row >= 0 ? (nodes[row] ?? -1) : (runs[-row - 1] ?? -1)) };
}
