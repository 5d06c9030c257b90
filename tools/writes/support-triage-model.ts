import type postgres from "postgres";
import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { assertRunVisible, idempotencyKey } from "../idempotency.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a lower-case model name")
    .describe("The model's name, e.g. `support-triage`."),
  version: z
    .string()
    .min(1)
    .max(100)
    .describe("The trained bundle's version (a hash of what determines it)."),
  artifact: z.record(z.string(), z.unknown()).describe("The trained triage bundle (JSON)."),
  metrics: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("Cross-validated accuracies, rows, classes."),
  trained_rows: z.number().int().min(0).describe("Labelled tickets it was trained on."),
});

/**
 * Stores a support triage model the agent trained on the tenant's labelled tickets as the active
 * version of its name (score_models; the previous version stays, inactive). Saving the same
 * version again only re-activates it.
 */
export const supportSaveTriageModel = defineTool({
  name: "support_save_triage_model",
  description:
    "Store a trained support triage model (intent and priority classifiers, queues by intent) as the " +
    "tenant's active version of its name.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      await assertRunVisible(tx, ctx, "support_save_triage_model");
      const t = ctx.tenantId;
      await tx`UPDATE score_models SET active = false
               WHERE tenant_id = ${t} AND name = ${args.name} AND active AND version <> ${args.version}`;
      await tx`
        INSERT INTO score_models (tenant_id, name, version, artifact, metrics, trained_rows, active)
        VALUES (${t}, ${args.name}, ${args.version}, ${tx.json(args.artifact as postgres.JSONValue)},
                ${tx.json(args.metrics as postgres.JSONValue)}, ${args.trained_rows}, true)
        ON CONFLICT (tenant_id, name, version) DO UPDATE SET active = true, trained_at = now()`;
      const key = idempotencyKey(ctx, "support_save_triage_model", {
        entityKind: "tenant",
        entityId: t,
        output: `model:${args.name}`,
      });
      await appendAudit(
        tx,
        ctx,
        {
          action: "model.trained",
          entityKind: null,
          entityId: null,
          details: { name: args.name, version: args.version, metrics: args.metrics },
        },
        key,
      );
      return { name: args.name, version: args.version };
    }),
});
