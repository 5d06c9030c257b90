import { detectAll } from "tinyld";

/** A ticket's language (ISO 639-1) with a confidence. */
export interface LanguageGuess {
  value: string;
  confidence: number;
}

/**
 * The language of a text by tinyld's n-gram detector. Confidence = the top language's share of
 * the detector's scores (its "accuracy" values do not sum to 1). A text it cannot place (too short,
 * digits only) falls back to `fallback` (the ticket's recorded language, else English) at 0.3.
 */
export function detectLanguage(text: string, fallback: string | null): LanguageGuess {
  const all = detectAll(text).filter((d) => /^[a-z]{2,3}$/.test(d.lang));
  const total = all.reduce((s, d) => s + d.accuracy, 0);
  const top = all[0];
  if (!top || total <= 0) return { value: fallback ?? "en", confidence: 0.3 };
  return { value: top.lang, confidence: round(top.accuracy / total) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
