import { describe, expect, it } from "vitest";
import { HashingEmbedder } from "./hashing.ts";

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("HashingEmbedder", () => {
  it("gives unit vectors of its dimension, deterministically", async () => {
    const e = new HashingEmbedder({ dimensions: 256 });
    const [a, b] = await e.embed(["Where is my card?", "Where is my card?"]);
    expect(a).toHaveLength(256);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
    expect(a).toEqual(b);
    expect((await e.embed(["?!"]))[0]!.every((x) => x === 0)).toBe(true);
  });

  it("folds case and accents", () => {
    const e = new HashingEmbedder();
    expect(cosine(e.embedOne("CAFÉ crème"), e.embedOne("cafe creme"))).toBeCloseTo(1, 10);
  });

  it("puts related texts nearer than unrelated ones", () => {
    const e = new HashingEmbedder().fit(["my card has not arrived", "how do I top up", "exchange rate fees"]);
    const q = e.embedOne("card not arrived yet");
    expect(cosine(q, e.embedOne("my card still has not arrived"))).toBeGreaterThan(
      cosine(q, e.embedOne("what is the exchange rate")),
    );
  });

  it("changes id when fitted and round-trips its state through JSON", () => {
    const e = new HashingEmbedder({ dimensions: 512 });
    expect(e.id).toMatch(/^hash-ngram-v1-d512-[0-9a-f]{8}$/);
    const unfitted = e.id;
    e.fit(["alpha beta", "beta gamma"]);
    expect(e.id).not.toBe(unfitted);
    const copy = HashingEmbedder.fromJSON(JSON.parse(JSON.stringify(e)));
    expect(copy.id).toBe(e.id);
    expect(copy.embedOne("beta delta")).toEqual(e.embedOne("beta delta"));
  });
});
