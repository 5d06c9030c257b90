import { z } from "zod";

export const scalerSchema = z.object({ mean: z.array(z.number()), scale: z.array(z.number()) });

/** Per-column mean and standard deviation from training rows (scale 1 for a constant column). */
export type Scaler = z.infer<typeof scalerSchema>;

export function fitScaler(rows: readonly Float64Array[]): Scaler {
  const p = rows[0]?.length ?? 0;
  const mean = new Array<number>(p).fill(0);
  const sq = new Array<number>(p).fill(0);
  for (const r of rows) for (let j = 0; j < p; j++) mean[j]! += r[j]!;
  for (let j = 0; j < p; j++) mean[j]! /= Math.max(rows.length, 1);
  for (const r of rows) for (let j = 0; j < p; j++) sq[j]! += (r[j]! - mean[j]!) ** 2;
  const scale = sq.map((s) => {
    const sd = Math.sqrt(s / Math.max(rows.length, 1));
    // a constant column stays 0 after centring; dividing by 1 keeps it finite
    return sd > 1e-12 ? sd : 1;
  });
  return { mean, scale };
}

/** (x − mean) / scale, column by column, into a new array. */
export function standardize(scaler: Scaler, row: Float64Array): Float64Array {
  const out = new Float64Array(row.length);
  for (let j = 0; j < row.length; j++) out[j] = (row[j]! - scaler.mean[j]!) / scaler.scale[j]!;
  return out;
}
