import { z } from "zod";

/** Any 8-4-4-4-12 hex id (seeded books use ids that are not RFC 4122 versioned). */
export const id = (what: string) => z.guid().describe(`The ${what}'s id (uuid).`);

/** The entity kinds outputs (scores, tasks) attach to; the `scores`/`tasks` CHECK constraints. */
export const OUTPUT_ENTITY_KINDS = ["account", "contact", "lead", "deal", "ticket"] as const;
export type OutputEntityKind = (typeof OUTPUT_ENTITY_KINDS)[number];

export const outputEntityKind = z
  .enum(OUTPUT_ENTITY_KINDS)
  .describe("Kind of the CRM entity the output is about.");

/** A result limit with a default and a hard ceiling. */
export const limit = (fallback: number, max: number, what = "rows") =>
  z.number().int().min(1).max(max).default(fallback).describe(`Maximum number of ${what} (1–${max}).`);

/** `%`, `_` and `\` matched literally in an ILIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
