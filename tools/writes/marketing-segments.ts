import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { assertRunVisible, requireRun } from "../idempotency.ts";
import { defineTool } from "../run.ts";

const segment = z.object({
  key: z
    .string()
    .regex(/^(rfm|cluster):[a-z0-9_]{1,40}$/, "must look like rfm:at_risk or cluster:2")
    .describe("The segment's stable key: `rfm:<group>` or `cluster:<n>`."),
  name: z.string().min(1).max(120).describe("A short readable name."),
  description: z.string().min(1).max(1000).describe("What the members have in common, in words."),
  definition: z
    .record(z.string(), z.unknown())
    .describe("How membership was decided: the rule, or the centroid, features and k (JSON)."),
  account_ids: z.array(z.guid()).max(500_000).describe("Every member account (uuids)."),
});

const input = z
  .object({
    kind: z.enum(["rfm", "cluster"]).describe("Which segmentation: rfm groups or behavioural clusters."),
    version: z.string().min(1).max(100).describe("The segmentation's version, e.g. `rfm-v1-w365`."),
    segments: z.array(segment).max(20).describe("The segmentation's segments, each with all its members."),
  })
  .refine((a) => a.segments.every((s) => s.key.startsWith(`${a.kind}:`)), {
    message: "every key must start with the segmentation kind",
    path: ["segments"],
  });

interface Saved {
  key: string;
  id: string;
  members: number;
  added: number;
  removed: number;
}

/**
 * Stores a whole segmentation in one transaction, replacing what an earlier version stored: each
 * segment is upserted by key; its members are replaced (stayers keep `since`, leavers go,
 * newcomers join; only the tenant's own accounts); segments of the kind the new version lacks are
 * dropped. A retry or rerun never duplicates a membership (primary key (segment, account)).
 */
export const saveSegments = defineTool({
  name: "marketing_save_segments",
  description:
    "Store a segmentation (RFM groups or behavioural clusters of accounts): upsert each segment and " +
    "replace its membership; segments of that kind not in the list are removed.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      await assertRunVisible(tx, ctx, "marketing_save_segments");
      const runId = requireRun(ctx, "marketing_save_segments");
      const t = ctx.tenantId;
      const now = ctx.now();
      const keys = args.segments.map((s) => s.key);
      const dropped = await tx<{ key: string }[]>`
        DELETE FROM segments WHERE tenant_id = ${t} AND kind = ${args.kind}
          ${keys.length ? tx`AND key NOT IN ${tx(keys)}` : tx``}
        RETURNING key`;
      const saved: Saved[] = [];
      for (const s of args.segments) {
        const [row] = await tx<{ id: string }[]>`
          INSERT INTO segments (tenant_id, kind, key, name, description, definition, version, run_id, refreshed_at)
          VALUES (${t}, ${args.kind}, ${s.key}, ${s.name}, ${s.description}, ${tx.json(s.definition as never)},
                  ${args.version}, ${runId}, ${now})
          ON CONFLICT (tenant_id, key) DO UPDATE SET
            name = EXCLUDED.name, description = EXCLUDED.description, definition = EXCLUDED.definition,
            version = EXCLUDED.version, run_id = EXCLUDED.run_id, refreshed_at = EXCLUDED.refreshed_at
          RETURNING id::text`;
        const id = row!.id;
        // anti-join and join on unnest (hashable) rather than `= ANY(array)`, which is linear per row
        const removed = await tx`
          DELETE FROM segment_members m WHERE m.segment_id = ${id}
            AND NOT EXISTS (SELECT 1 FROM unnest(${s.account_ids}::uuid[]) AS n(id) WHERE n.id = m.account_id)
          RETURNING account_id`;
        const added = await tx`
          INSERT INTO segment_members (tenant_id, segment_id, account_id, since, run_id)
          SELECT ${t}, ${id}, a.id, ${now}, ${runId}
          FROM accounts a JOIN unnest(${s.account_ids}::uuid[]) AS n(id) ON n.id = a.id
          WHERE a.tenant_id = ${t}
          ON CONFLICT (segment_id, account_id) DO NOTHING
          RETURNING account_id`;
        const [count] = await tx<{ n: number }[]>`
          UPDATE segments SET member_count = (SELECT count(*) FROM segment_members WHERE segment_id = ${id})
          WHERE id = ${id} RETURNING member_count AS n`;
        saved.push({ key: s.key, id, members: count!.n, added: added.length, removed: removed.length });
      }
      await appendAudit(
        tx,
        ctx,
        {
          action: "marketing.segments_saved",
          entityKind: null,
          entityId: null,
          details: {
            kind: args.kind,
            version: args.version,
            segments: saved,
            dropped: dropped.map((d) => d.key),
          },
        },
        `${runId}:${ctx.node}:segments:${args.kind}:audit`,
      );
      return { kind: args.kind, version: args.version, segments: saved, dropped: dropped.map((d) => d.key) };
    }),
});
