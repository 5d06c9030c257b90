import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { LabelledText } from "../examples.ts";
import { seededRng } from "../random.ts";

/** Words that mark each synthetic class; every text also gets shared filler words. */
export const SYNTHETIC_WORDS: Record<string, string[]> = {
  billing: ["invoice", "refund", "charged", "payment", "overcharged", "bill"],
  login: ["password", "login", "locked", "reset", "username", "signin"],
  shipping: ["parcel", "delivery", "tracking", "courier", "shipped", "package"],
};
const FILLER = [
  "please",
  "help",
  "my",
  "the",
  "is",
  "not",
  "working",
  "today",
  "hello",
  "thanks",
  "again",
  "why",
];

/**
 * `perClass` texts per class, seeded: two or three of the class's words among four filler
 * words. Linearly separable by construction (a class word never appears in another class).
 */
export function syntheticTexts(perClass: number, seed = 1): LabelledText[] {
  const rng = seededRng(seed);
  const pick = (words: string[]) => words[uniformInt(rng, 0, words.length - 1)]!;
  const out: LabelledText[] = [];
  for (const [label, words] of Object.entries(SYNTHETIC_WORDS)) {
    for (let i = 0; i < perClass; i++) {
      const tokens = [pick(FILLER), pick(words), pick(FILLER), pick(words), pick(FILLER), pick(FILLER)];
      if (i % 2) tokens.push(pick(words));
      out.push({ key: `${label}-${String(i).padStart(4, "0")}`, text: tokens.join(" "), label });
    }
  }
  return out;
}
