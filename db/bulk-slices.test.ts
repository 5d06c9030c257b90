import { describe, expect, it } from "vitest";
import { statementSlices } from "./bulk.ts";

describe("statementSlices", () => {
  it("cuts rows into 1,024-row slices and a power-of-two split of the remainder", () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => i);
    const slices = [...statementSlices(rows)];
    expect(slices.map((s) => s.length)).toEqual([1024, 1024, 512, 256, 128, 32, 16, 8]);
    expect(slices.flat()).toEqual(rows);
  });

  it("uses a bounded set of slice sizes, whatever the number of rows", () => {
    const sizes = new Set<number>();
    for (let n = 0; n < 5_000; n += 7) {
      for (const s of statementSlices(Array.from({ length: n }))) sizes.add(s.length);
    }
    expect(sizes.size).toBeLessThanOrEqual(11);
    expect([...statementSlices([])]).toEqual([]);
  });
});
