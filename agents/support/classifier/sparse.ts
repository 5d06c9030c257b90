import type { SparseRow } from "./featurize.ts";

/** Rows in compressed sparse row form: row i is indices/values[indptr[i] … indptr[i + 1]). */
export interface SparseMatrix {
  rows: number;
  /** Columns, including the constant bias column (the last one). */
  dims: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/**
 * Stacks sparse rows over `columns` feature columns and appends a constant bias column with value
 * 1 (index `columns`), so the intercepts are learnt as ordinary weights.
 */
export function stackRows(rows: readonly SparseRow[], columns: number): SparseMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i]! + r.cols.length + 1));
  const indices = new Int32Array(indptr[rows.length]!);
  const values = new Float64Array(indptr[rows.length]!);
  rows.forEach((r, i) => {
    const at = indptr[i]!;
    indices.set(r.cols, at);
    values.set(r.vals, at);
    indices[at + r.cols.length] = columns;
    values[at + r.cols.length] = 1;
  });
  return { rows: rows.length, dims: columns + 1, indptr, indices, values };
}
