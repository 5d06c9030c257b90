import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { assertRunVisible, requireRun } from "../idempotency.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  campaign_key: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, "must be a campaign key")
    .describe("The campaign (goal) the drafts were written for."),
  drafts: z
    .array(
      z.object({
        draft_id: z.guid().describe("A draft this run wrote (uuid)."),
        variant: z.enum(["A", "B"]).describe("The A/B variant of the draft's text."),
      }),
    )
    .min(1)
    .max(1000)
    .describe("The drafts and their variants."),
});

/**
 * Records the A/B variant and campaign of drafts this run wrote (drafts.variant, drafts.campaign_key)
 * and one audit entry per campaign with the draft ids of each arm. Setting the same values again is
 * a no-op; a draft of another run is NOT_FOUND.
 */
export const tagDraftVariants = defineTool({
  name: "marketing_tag_drafts",
  description:
    "Record the A/B variant (A or B) and the campaign key of marketing drafts written in this run, " +
    "for experiment analysis and so a rerun of the campaign finds whom it drafted.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      await assertRunVisible(tx, ctx, "marketing_tag_drafts");
      const runId = requireRun(ctx, "marketing_tag_drafts");
      const ids = args.drafts.map((d) => d.draft_id);
      const updated = await tx<{ id: string }[]>`
        UPDATE drafts d SET variant = v.variant, campaign_key = ${args.campaign_key}
        FROM unnest(${ids}::uuid[], ${args.drafts.map((d) => d.variant)}::text[]) AS v(id, variant)
        WHERE d.id = v.id AND d.tenant_id = ${ctx.tenantId} AND d.run_id = ${runId}
        RETURNING d.id::text`;
      const found = new Set(updated.map((u) => u.id));
      const missing = ids.find((id) => !found.has(id.toLowerCase()));
      if (missing) throw new NotFoundError("draft of this run", missing);
      const arm = (v: "A" | "B") => args.drafts.filter((d) => d.variant === v).map((d) => d.draft_id);
      await appendAudit(
        tx,
        ctx,
        {
          action: "marketing.variants_assigned",
          entityKind: null,
          entityId: null,
          details: { campaign_key: args.campaign_key, A: arm("A"), B: arm("B") },
        },
        `${runId}:${ctx.node}:campaign:${args.campaign_key}:variants`,
      );
      return { updated: updated.length };
    }),
});
