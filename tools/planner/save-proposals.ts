import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { upsertPlanTasks } from "../../db/queries/plan-tasks.ts";
import { appendAudit } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { checkEvidenceMany, evidenceId } from "../evidence.ts";
import { assertRunVisible, idempotencyKey, requireRun } from "../idempotency.ts";
import { id, outputEntityKind } from "../input.ts";
import { defineTool } from "../run.ts";
import { entityScopes } from "../scope.ts";

const proposal = z.object({
  source: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .describe("The agent whose proposal step proposed it."),
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a lower-case snake_case name")
    .describe("Task type."),
  title: z.string().min(1).max(200).describe("Short imperative title a person reads in their queue."),
  reason: z.string().min(1).max(2000).describe("Why this task matters now, citing the evidence."),
  entity_kind: outputEntityKind,
  entity_id: id("entity the task is about"),
  priority_value: z.number().min(0).describe("Expected value of doing the task (ranks the plan)."),
  estimated_minutes: z.number().int().min(1).max(480).describe("Estimated effort in minutes."),
  required_skill: z.string().max(60).nullable().default(null).describe("Skill the assignee needs, if any."),
  due_at: z.iso.datetime({ offset: true }).nullable().default(null).describe("When it is due (ISO 8601)."),
  owner_id: id("owner of the entity (assigned first)").nullable().describe("Who owns the entity, if anyone."),
  evidence_ids: z.array(evidenceId).max(50).default([]).describe("Evidence ids behind the task."),
  dedupe_key: z.string().min(1).max(200).describe("Re-proposing an open task with the same key updates it."),
});

/**
 * Writes a batch's proposed tasks in one transaction, each as propose_task would (evidence
 * checked against the entity's account, an open task with the same dedupe key updated, a retry
 * finding its own rows), and records them as candidates of the plan. One audit entry per batch.
 */
export const plannerSaveProposals = defineTool({
  name: "planner_save_proposals",
  description:
    "Save a batch of proposed tasks as candidates of a plan (deduplicated against open tasks), in one transaction.",
  kind: "write",
  input: z.object({
    plan_id: id("plan"),
    batch_key: z.string().min(1).max(200).describe("The batch's key: a retried batch rewrites its own rows."),
    tasks: z.array(proposal).max(5000).describe("The batch's proposals."),
  }),
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      await assertRunVisible(tx, ctx, "planner_save_proposals");
      const [plan] = await tx`SELECT id FROM plans WHERE id = ${args.plan_id}`;
      if (!plan) throw new NotFoundError("plan", args.plan_id);
      const owners = [...new Set(args.tasks.flatMap((t) => (t.owner_id ? [t.owner_id] : [])))];
      if (owners.length > 0) {
        const seen = new Set(
          (await tx<{ id: string }[]>`SELECT id FROM users WHERE id IN ${tx(owners)}`).map((u) => u.id),
        );
        const missing = owners.find((o) => !seen.has(o));
        if (missing) throw new NotFoundError("user", missing);
      }
      const ids = {
        tenantId: ctx.tenantId,
        runId: requireRun(ctx, "planner_save_proposals"),
        planId: args.plan_id,
        batchKey: args.batch_key,
      };
      const scopes = await entityScopes(
        tx,
        args.tasks.map((t) => ({ kind: t.entity_kind, id: t.entity_id })),
      );
      await checkEvidenceMany(
        tx,
        args.tasks.map((t) => ({
          scope: scopes.get(`${t.entity_kind}:${t.entity_id.toLowerCase()}`)!,
          refs: t.evidence_ids,
        })),
      );
      const { taskIds, created } = await upsertPlanTasks(
        tx,
        ids,
        args.tasks.map((t) => ({
          ...t,
          idempotency_key: idempotencyKey(ctx, "planner_save_proposals", {
            entityKind: t.entity_kind,
            entityId: t.entity_id,
            output: `task:${t.type}`,
          }),
        })),
      );
      await appendAudit(
        tx,
        ctx,
        {
          action: "plan.batch_proposed",
          entityKind: null,
          entityId: null,
          details: { plan_id: args.plan_id, batch_key: args.batch_key, tasks: args.tasks.length, created },
        },
        `${ids.runId}:${ctx.node}:plan:${args.plan_id}:${args.batch_key}:audit`,
      );
      return { task_ids: taskIds, created };
    }),
});
