import type postgres from "postgres";
import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { recordTaskRuns } from "../../db/queries/task-runs.ts";
import { appendAudit } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { checkEvidence, evidenceId } from "../evidence.ts";
import { assertRunVisible, idempotencyKey, type WriteResult } from "../idempotency.ts";
import { id, outputEntityKind } from "../input.ts";
import { defineTool } from "../run.ts";
import { entityScope } from "../scope.ts";

const input = z.object({
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a lower-case snake_case name")
    .describe("Task type: call_hot_lead, reengage_deal, renewal_prep, sla_risk …"),
  title: z.string().min(1).max(200).describe("Short imperative title a person reads in their queue."),
  reason: z.string().min(1).max(2000).describe("Why this task matters now, citing the evidence."),
  entity_kind: outputEntityKind,
  entity_id: id("entity the task is about"),
  priority_value: z.number().min(0).describe("Expected value of doing the task (used to rank the queue)."),
  estimated_minutes: z.number().int().min(1).max(480).describe("Estimated effort in minutes."),
  required_skill: z
    .string()
    .max(60)
    .optional()
    .describe("Skill the assignee needs, e.g. `enterprise` or `de`."),
  due_at: z.iso.datetime({ offset: true }).optional().describe("When it is due (ISO 8601 date-time)."),
  assignee_id: id("suggested assignee (a user of this tenant, e.g. the account owner)")
    .optional()
    .describe(
      "Who should do it, when the policy names a person (e.g. the account owner); the planner may reassign.",
    ),
  evidence_ids: z.array(evidenceId).max(50).default([]).describe("Evidence ids behind the task."),
  dedupe_key: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "Re-proposing an open task with the same key updates it. Default `<type>:<entity_kind>:<entity_id>`.",
    ),
});

/**
 * Proposes a task. A retried run finds the task it wrote (its idempotency key); otherwise an open
 * task with the same dedupe key is updated (tasks_open_dedupe_uq) instead of adding one.
 */
export const proposeTask = defineTool({
  name: "propose_task",
  description:
    "Propose a task for a person (call a lead, re-engage a deal, prepare a renewal …) with its reason, " +
    "value, effort and evidence. An open task with the same dedupe key is updated, not duplicated.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx): Promise<WriteResult> => {
      await assertRunVisible(tx, ctx, "propose_task");
      const scope = await entityScope(tx, args.entity_kind, args.entity_id);
      await checkEvidence(tx, scope, args.evidence_ids);
      const target = { entityKind: args.entity_kind, entityId: args.entity_id, output: `task:${args.type}` };
      const key = idempotencyKey(ctx, "propose_task", target);
      const dedupeKey = args.dedupe_key ?? `${args.type}:${args.entity_kind}:${args.entity_id}`;
      if (args.assignee_id) await assertUserVisible(tx, args.assignee_id);
      const assignee = args.assignee_id ?? null;
      const fields = {
        title: args.title,
        reason: args.reason,
        priority_value: args.priority_value,
        estimated_minutes: args.estimated_minutes,
        required_skill: args.required_skill ?? null,
        due_at: args.due_at ?? null,
        evidence_ids: args.evidence_ids,
      };
      const [mine] = await tx<{ id: string }[]>`
        SELECT id FROM tasks WHERE tenant_id = ${ctx.tenantId} AND idempotency_key = ${key}`;
      let result: WriteResult;
      if (mine) {
        // a retry: refresh the task this run wrote while it is still open, never add another
        await tx`UPDATE tasks SET ${tx(fields)}, assignee_id = coalesce(assignee_id, ${assignee}), updated_at = now()
                 WHERE id = ${mine.id} AND status IN ('open', 'in_progress')`;
        result = { id: mine.id, created: false };
      } else {
        const [row] = await tx<WriteResult[]>`
          INSERT INTO tasks (tenant_id, type, title, reason, entity_kind, entity_id, priority_value,
                             estimated_minutes, required_skill, due_at, dedupe_key, evidence_ids, source_agent,
                             run_id, idempotency_key, assignee_id)
          VALUES (${ctx.tenantId}, ${args.type}, ${fields.title}, ${fields.reason}, ${args.entity_kind},
                  ${args.entity_id}, ${fields.priority_value}, ${fields.estimated_minutes}, ${fields.required_skill},
                  ${fields.due_at}, ${dedupeKey}, ${fields.evidence_ids}, ${ctx.agent}, ${ctx.runId}, ${key},
                  ${assignee})
          ON CONFLICT (tenant_id, dedupe_key) WHERE status IN ('open', 'in_progress') DO UPDATE SET
            title = EXCLUDED.title, reason = EXCLUDED.reason, priority_value = EXCLUDED.priority_value,
            estimated_minutes = EXCLUDED.estimated_minutes, required_skill = EXCLUDED.required_skill,
            due_at = EXCLUDED.due_at, evidence_ids = EXCLUDED.evidence_ids,
            -- run_id and source_agent keep who proposed it first; task_runs records this run too
            -- a person's (or the planner's) assignment wins over a suggestion
            assignee_id = coalesce(tasks.assignee_id, EXCLUDED.assignee_id),
            updated_at = now()
          RETURNING id, (xmax = 0) AS created`;
        result = row!;
      }
      await recordTaskRuns(tx, ctx.tenantId, ctx.runId!, [
        { taskId: result.id, agent: ctx.agent, created: result.created },
      ]);
      await appendAudit(
        tx,
        ctx,
        {
          action: result.created ? "task.proposed" : "task.updated",
          entityKind: args.entity_kind,
          entityId: args.entity_id,
          details: { task_id: result.id, type: args.type, dedupe_key: dedupeKey },
        },
        `${key}:audit`,
      );
      return result;
    }),
});

/** The suggested assignee must be a user of this tenant (a foreign key alone would accept any tenant's). */
async function assertUserVisible(tx: postgres.TransactionSql, userId: string): Promise<void> {
  const [user] = await tx`SELECT id FROM users WHERE id = ${userId}`;
  if (!user) throw new NotFoundError("user", userId);
}
