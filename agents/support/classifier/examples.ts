import { createHash } from "node:crypto";

/** One labelled text: a ticket's subject and body with its recorded label. */
export interface LabelledText {
  /** A stable key (the external id, else the store id); examples are sorted by it. */
  key: string;
  text: string;
  label: string;
}

/** Code-unit order of keys: the same on any database collation, so seeded splits are too. */
export const byKey = (a: LabelledText, b: LabelledText): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** SHA-256 over every example's key, text and label, in key order: the same data in any order gives the same fingerprint. */
export function fingerprintExamples(examples: readonly LabelledText[]): string {
  const hash = createHash("sha256");
  for (const e of [...examples].sort(byKey)) hash.update(`${JSON.stringify([e.key, e.text, e.label])}\n`);
  return hash.digest("hex");
}
