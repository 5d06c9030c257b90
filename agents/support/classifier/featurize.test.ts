import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURIZER } from "./config.ts";
import { columnIndex, fitVocabulary, hashedTerms, vectorize } from "./featurize.ts";

const config = DEFAULT_FEATURIZER;

describe("featuriser", () => {
  it("gives the same terms for the same text, whatever else was featurised", () => {
    const a = hashedTerms("Where is my new card?", config);
    hashedTerms("something else entirely", config);
    expect([...hashedTerms("Where is my new card?", config)]).toEqual([...a]);
    for (const b of a.keys()) expect(b).toBeLessThan(2 ** config.hashBits);
  });

  it("folds case and accents, and weights kinds as configured", () => {
    expect([...hashedTerms("CAFÉ crème", config)]).toEqual([...hashedTerms("cafe creme", config)]);
    const wordsOnly = hashedTerms("card arrived", { ...config, kindWeights: { w: 1, b: 0, c: 0 } });
    expect(wordsOnly.size).toBe(2);
    const withBigram = hashedTerms("card arrived", { ...config, kindWeights: { w: 1, b: 1, c: 0 } });
    expect(withBigram.size).toBe(3);
  });

  it("keeps buckets seen in at least minDf texts, with scikit-learn's smoothed IDF", () => {
    const cfg = { ...config, kindWeights: { w: 1, b: 0, c: 0 }, minDf: 2 };
    const docs = ["card lost", "card stolen", "refund please"].map((t) => hashedTerms(t, cfg));
    const v = fitVocabulary(docs, cfg);
    expect(v.buckets).toHaveLength(1); // only "card" is in two texts
    expect(v.df[0]).toBe(2);
    expect(v.idf[0]).toBeCloseTo(Math.log(4 / 3) + 1, 12);
  });

  it("vectorises to an L2-normalised sparse row over fitted columns only", () => {
    const docs = ["my card is lost", "my card was stolen", "lost my phone"].map((t) =>
      hashedTerms(t, config),
    );
    const v = fitVocabulary(docs, { ...config, minDf: 1 });
    const columns = columnIndex(v);
    const row = vectorize(hashedTerms("my card is lost", config), v, columns);
    expect(Array.from(row.cols)).toEqual([...row.cols].sort((a, b) => a - b));
    expect(Math.hypot(...row.vals)).toBeCloseTo(1, 12);
    const unseen = vectorize(hashedTerms("zzzz qqqq", config), v, columns);
    expect(unseen.cols).toHaveLength(0);
  });
});
