import type { Highs, ModelData, ObjectiveSense } from "highs";
import * as highsModule from "highs";
import type { Arc, Instance } from "./instance.ts";

// Under NodeNext the package's d.ts is read as CommonJS (its `default` typed as the whole module),
// while Node loads the ESM build, whose default export is the loader itself.
const highsLoader = highsModule.default as unknown as () => Promise<Highs>;
let runtime: Promise<Highs> | null = null;
/** The HiGHS WASM runtime, loaded once per process. */
export const loadHighs = (): Promise<Highs> => (runtime ??= highsLoader());

/**
 * The assignment MIP over the instance's arcs (one binary column x[t,r] per allowed pair):
 *
 *     maximise   Σ weight[t,r] · x[t,r]
 *     subject to Σ_r x[t,r] ≤ 1                                        each task at most once
 *                Σ_{t: deadline[t,r] ≤ d} minutes[t] · x[t,r] ≤ d        each rep, each deadline level d
 *                Σ_t minutes[t] · x[t,r] ≤ capacity[r]                  each rep
 *
 * The deadline rows are the exact condition for one person's tasks, all available at day start,
 * to be done back to back with each ending by its deadline (earliest deadline first). They are
 * written through one continuous load column per (rep, level) — the minutes due in that level —
 * so each x appears in two rows instead of in every level after its deadline.
 *
 * Columns: the arcs first (in instance order), then the load columns. `loads` maps a chosen set of
 * arcs to the load columns' values (for a warm start).
 */
export function assignmentModel(
  inst: Instance,
  maximize: ObjectiveSense,
): { model: ModelData; warmStart: (chosen: Set<number>) => Float64Array } {
  const n = inst.arcs.length;
  const taskRow = new Map<number, number>();
  for (const a of inst.arcs) if (!taskRow.has(a.task)) taskRow.set(a.task, taskRow.size);
  const rowUpper: number[] = new Array<number>(taskRow.size).fill(1);
  // each rep's levels: its distinct deadlines below capacity, then capacity itself
  const deadlines = inst.reps.map(() => new Set<number>());
  for (const a of inst.arcs) if (Number.isFinite(a.deadline)) deadlines[a.rep]!.add(a.deadline);
  const levels = inst.reps.map((rep, ri) => [
    ...[...deadlines[ri]!].sort((x, y) => x - y),
    rep.capacityMinutes,
  ]);
  // per (rep, level): a balance row (Σ minutes·x − load ≤ 0), a load column and a cumulative row
  const balanceRow: number[][] = [];
  const loadCol: number[][] = [];
  const cumulativeRow: number[][] = [];
  let rows = taskRow.size;
  let cols = n;
  levels.forEach((lv) => {
    balanceRow.push(lv.map(() => (rowUpper.push(0), rows++)));
    loadCol.push(lv.map(() => cols++));
  });
  levels.forEach((lv) => cumulativeRow.push(lv.map((limit) => (rowUpper.push(limit), rows++))));
  const levelOf = (a: Arc) => {
    const lv = levels[a.rep]!;
    return Number.isFinite(a.deadline) ? lv.indexOf(a.deadline) : lv.length - 1;
  };
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const a of inst.arcs) {
    indices.push(taskRow.get(a.task)!, balanceRow[a.rep]![levelOf(a)]!);
    values.push(1, inst.tasks[a.task]!.minutes);
    starts.push(indices.length);
  }
  levels.forEach((lv, ri) =>
    lv.forEach((_, k) => {
      // load of level k: −1 in its balance row, +1 in the cumulative rows of levels k and after
      indices.push(balanceRow[ri]![k]!);
      values.push(-1);
      for (let j = k; j < lv.length; j++) {
        indices.push(cumulativeRow[ri]![j]!);
        values.push(1);
      }
      starts.push(indices.length);
    }),
  );
  const colCost = new Float64Array(cols);
  inst.arcs.forEach((a, i) => (colCost[i] = a.weight));
  const colUpper = new Float64Array(cols).fill(Infinity);
  colUpper.fill(1, 0, n);
  const integrality = new Int32Array(cols);
  integrality.fill(1, 0, n);
  const model: ModelData = {
    numCols: cols,
    numRows: rows,
    sense: maximize,
    colCost,
    colLower: new Float64Array(cols),
    colUpper,
    rowLower: new Float64Array(rows).fill(-Infinity),
    rowUpper: Float64Array.from(rowUpper),
    matrix: { format: "csc", numRows: rows, numCols: cols, starts, indices, values },
    integrality,
  };
  const warmStart = (chosen: Set<number>) => {
    const x = new Float64Array(cols);
    inst.arcs.forEach((a, i) => {
      if (!chosen.has(i)) return;
      x[i] = 1;
      x[loadCol[a.rep]![levelOf(a)]!]! += inst.tasks[a.task]!.minutes;
    });
    return x;
  };
  return { model, warmStart };
}
