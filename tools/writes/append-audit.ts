import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { assertRunVisible, idempotencyKey, type WriteResult } from "../idempotency.ts";
import { outputEntityKind } from "../input.ts";
import { defineTool } from "../run.ts";
import { entityScope } from "../scope.ts";

const input = z
  .object({
    action: z
      .string()
      .regex(/^[a-z][a-z0-9_.]{0,79}$/, "must be a lower-case dotted name such as plan.published")
      .describe("What happened, as a dotted name: plan.published, escalation.raised …"),
    entity_kind: outputEntityKind.optional().describe("Kind of the entity the entry is about, if any."),
    entity_id: z.guid().optional().describe("Id of the entity the entry is about (with entity_kind)."),
    details: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("Structured details of the action (a JSON object)."),
  })
  .refine((a) => (a.entity_kind === undefined) === (a.entity_id === undefined), {
    message: "entity_kind and entity_id go together",
    path: ["entity_id"],
  });

/**
 * Appends an entry to the tenant's audit log as `agent:<agent>` in the current run. Once per
 * (run, node, entity, action): a retried run does not log the same action twice.
 */
export const appendAuditTool = defineTool({
  name: "append_audit",
  description:
    "Append an entry to the audit log: an action name, the entity it concerns (optional) and details. " +
    "Recorded as the calling agent within the current run.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx): Promise<WriteResult> => {
      await assertRunVisible(tx, ctx, "append_audit");
      if (args.entity_kind) await entityScope(tx, args.entity_kind, args.entity_id!);
      const key = idempotencyKey(ctx, "append_audit", {
        entityKind: args.entity_kind ?? "tenant",
        entityId: args.entity_id ?? ctx.tenantId,
        output: `audit:${args.action}`,
      });
      const entry = {
        action: args.action,
        entityKind: args.entity_kind ?? null,
        entityId: args.entity_id ?? null,
        details: args.details,
      };
      return appendAudit(tx, ctx, entry, key);
    }),
});
