import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk.ts";

const text = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");

describe("chunkText", () => {
  it("keeps a short text whole and gives nothing for an empty one", () => {
    expect(chunkText("  hello   world ")).toEqual(["hello world"]);
    expect(chunkText(text(200))).toHaveLength(1);
    expect(chunkText("   ")).toEqual([]);
  });

  it("overlaps consecutive chunks by `overlap` words and covers every word", () => {
    const chunks = chunkText(text(10), { size: 4, overlap: 1 });
    expect(chunks).toEqual(["w0 w1 w2 w3", "w3 w4 w5 w6", "w6 w7 w8 w9"]);
    const long = chunkText(text(201));
    expect(long).toHaveLength(2);
    expect(long[1]!.split(" ")[0]).toBe("w160");
    expect(long[1]!.split(" ").at(-1)).toBe("w200");
  });

  it("rejects an overlap as large as the chunk", () => {
    expect(() => chunkText("a b", { size: 4, overlap: 4 })).toThrow(RangeError);
  });
});
