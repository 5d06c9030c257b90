import { z } from "zod";
import { SEGMENT_ENTITIES } from "./fields.ts";

/** Comparison operators a condition may use. */
export const SEGMENT_OPS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "contains", "is_null"] as const;
export type SegmentOp = (typeof SEGMENT_OPS)[number];

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** One comparison: `<field> <op> <value>`. */
export const segmentCondition = z.object({
  field: z
    .string()
    .min(1)
    .describe("A whitelisted field of the entity, e.g. `mrr`, `status`, `renewal_date`."),
  op: z
    .enum(SEGMENT_OPS)
    .describe(
      "eq, neq, gt, gte, lt, lte compare with value; in: value is a list; contains: case-insensitive " +
        "substring (text fields); is_null: value true (is null) or false (is not null).",
    ),
  value: z
    .union([scalar, z.array(scalar).min(1).max(1000)])
    .optional()
    .describe("The value to compare with: a number, text, ISO date, boolean, or a list for `in`."),
});
export type SegmentCondition = z.infer<typeof segmentCondition>;

const combine = z
  .enum(["and", "or"])
  .default("and")
  .describe("How the conditions combine: and (all) or or (any).");

/** A group of conditions combined with and/or. */
export const segmentGroup = z.object({
  combine,
  conditions: z.array(segmentCondition).min(1).max(50).describe("The conditions of this group."),
});

/**
 * A segment: an entity and a filter of conditions plus optional groups, all combined with
 * `combine`. Two levels express `A and B and (C or D)` without a recursive schema (which tool
 * schemas for chat models handle poorly).
 */
export const segmentSpec = z.object({
  entity: z.enum(SEGMENT_ENTITIES).describe("Which entity the segment selects."),
  combine,
  conditions: z.array(segmentCondition).max(50).default([]).describe("Top-level conditions."),
  groups: z
    .array(segmentGroup)
    .max(10)
    .default([])
    .describe("Nested groups, each combined with its own and/or, then with the top-level conditions."),
});
export type SegmentSpec = z.infer<typeof segmentSpec>;
