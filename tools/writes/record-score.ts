import type postgres from "postgres";
import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { checkEvidence, evidenceId } from "../evidence.ts";
import { assertRunVisible, idempotencyKey, type WriteResult } from "../idempotency.ts";
import { id, outputEntityKind } from "../input.ts";
import { defineTool } from "../run.ts";
import { entityScope } from "../scope.ts";

const reason = z.object({
  factor: z.string().min(1).max(200).describe("The signal, e.g. `pricing_page_views_7d` or `usage_drop`."),
  contribution: z
    .number()
    .describe("Points this factor added to (positive) or took from (negative) the score."),
  evidence_ids: z.array(evidenceId).max(50).default([]).describe("Evidence ids backing this factor."),
});

const input = z.object({
  entity_kind: outputEntityKind,
  entity_id: id("scored entity"),
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a lower-case snake_case name")
    .describe("Score kind: lead, health, churn, win, sla_breach, propensity …"),
  value: z.number().min(0).max(100).describe("The score, 0–100."),
  probability: z.number().min(0).max(1).optional().describe("Calibrated probability of the outcome, 0–1."),
  tier: z
    .string()
    .min(1)
    .max(40)
    .describe("The tier the value falls in, e.g. hot/warm/cold or healthy/watch/at_risk."),
  reasons: z.array(reason).max(20).describe("Why: the factors behind the score with their contributions."),
  model_version: z.string().min(1).max(100).describe("The scoring model and version, e.g. `lead-rules-v1`."),
});

/**
 * Records a score with its reasons. One row per (run, node, entity, score kind): a retried run
 * updates that row in place (same id) instead of adding history.
 */
export const recordScore = defineTool({
  name: "record_score",
  description:
    "Record a 0–100 score of one kind (lead, health, churn, win …) for an account, contact, lead, deal or " +
    "ticket, with its tier, probability and the reasons (factor, contribution, evidence ids) behind it.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx): Promise<WriteResult> => {
      await assertRunVisible(tx, ctx, "record_score");
      const scope = await entityScope(tx, args.entity_kind, args.entity_id);
      await checkEvidence(
        tx,
        scope,
        args.reasons.flatMap((r) => r.evidence_ids),
      );
      const target = { entityKind: args.entity_kind, entityId: args.entity_id, output: `score:${args.kind}` };
      const key = idempotencyKey(ctx, "record_score", target);
      const [row] = await tx<{ id: string; created: boolean }[]>`
        INSERT INTO scores (tenant_id, entity_kind, entity_id, kind, value, probability, tier, reasons,
                            model_version, agent, run_id, idempotency_key)
        VALUES (${ctx.tenantId}, ${args.entity_kind}, ${args.entity_id}, ${args.kind}, ${args.value},
                ${args.probability ?? null}, ${args.tier}, ${tx.json(args.reasons as postgres.JSONValue)},
                ${args.model_version}, ${ctx.agent}, ${ctx.runId}, ${key})
        ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET
          value = EXCLUDED.value, probability = EXCLUDED.probability, tier = EXCLUDED.tier,
          reasons = EXCLUDED.reasons, model_version = EXCLUDED.model_version
        RETURNING id, (xmax = 0) AS created`;
      await appendAudit(
        tx,
        ctx,
        {
          action: "score.recorded",
          entityKind: args.entity_kind,
          entityId: args.entity_id,
          details: { score_id: row!.id, kind: args.kind, value: args.value, tier: args.tier },
        },
        `${key}:audit`,
      );
      return { id: row!.id, created: row!.created };
    }),
});
