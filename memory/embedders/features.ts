/** Feature extraction for the hashing embedder: words, word bigrams and character n-grams. */

/** Lower-cases and folds accents: "Café" and "cafe" give the same features. */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** Runs of letters and digits of the normalised text. */
export function words(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Lengths of the character n-grams taken inside each word (with its boundary marks). */
const CHAR_NGRAMS = [3, 4, 5] as const;

/**
 * The features of a text with their counts. Prefixes keep the three kinds apart ("w:" word,
 * "b:" bigram, "c:" character n-gram of "<word>", so a short word's n-grams mark its edges).
 */
export function features(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string) => counts.set(f, (counts.get(f) ?? 0) + 1);
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    add(`w:${w}`);
    if (i > 0) add(`b:${ws[i - 1]!} ${w}`);
    const marked = `<${w}>`;
    for (const n of CHAR_NGRAMS) {
      for (let j = 0; j + n <= marked.length; j++) add(`c:${marked.slice(j, j + n)}`);
    }
  }
  return counts;
}

/** 32-bit FNV-1a with a final avalanche (murmur3 fmix32), so low and high bits are both usable. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
