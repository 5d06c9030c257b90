import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { compileSegment } from "../segment/compile.ts";
import { segmentSpec } from "../segment/spec.ts";

const input = z.object({
  filter: segmentSpec.describe("The segment: an entity and a filter over its whitelisted fields."),
  limit: limit(100, 5000, "ids returned"),
});

/** Segment query: a typed filter spec compiled to parameterised SQL → matching ids and their count. */
export const segmentQuery = defineTool({
  name: "segment_query",
  description:
    "Select a segment of accounts, leads, deals, tickets or contacts with a filter (field, op, value " +
    "conditions combined with and/or). Returns the total count and the first `limit` ids (oldest first).",
  kind: "read",
  input,
  handler: ({ filter, limit }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const where = compileSegment(tx, filter);
      // filter.entity is an enum value: one of five fixed table names
      // count(*) OVER () is taken before LIMIT; with limit >= 1 a match always returns a row
      const rows = await tx<{ id: string; total: number }[]>`
        SELECT id, (count(*) OVER ())::int AS total FROM ${tx(filter.entity)}
        WHERE tenant_id = ${ctx.tenantId} AND ${where}
        ORDER BY created_at, id LIMIT ${limit}`;
      const count = rows[0]?.total ?? 0;
      return { entity: filter.entity, count, ids: rows.map((r) => r.id), truncated: count > rows.length };
    }),
});
