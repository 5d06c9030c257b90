import type { PlanProposal } from "../../../agents/planner/index.ts";
import {
  availableFor,
  fitSlaModel,
  parseSupportPolicy,
  slaRisks,
  slaTasks,
  supportTool,
} from "../../../agents/support/index.ts";
import { runTool } from "../../../tools/index.ts";
import { oncePerPlan } from "./once-per-plan.ts";
import type { ProposalSource } from "./types.ts";

const PAGE = 500;

/**
 * The support agent's proposal step over a batch: the SLA risk of each open ticket of the batch's
 * accounts (the models fitted on the tenant's recorded tickets, queue load, priority, time of day
 * and who is available — the same functions as graphs/support's `sla` node), as tasks due before
 * the breach. Tickets not yet given a priority and a queue (by the support agent's triage or a
 * person) are left to the support agent's own runs.
 */
export const supportSource: ProposalSource = {
  name: "support",
  async propose(ctx, slice, asOf) {
    if (slice.accountIds.length === 0) return [];
    const { policy, models, roster } = await oncePerPlan(ctx, asOf, "support", async () => {
      const { support } = await runTool(supportTool("support_settings"), {}, ctx);
      const policy = parseSupportPolicy(support);
      const { tickets: history } = await runTool(
        supportTool("support_sla_history"),
        { limit: policy.sla.historyLimit },
        ctx,
      );
      const models = {
        first_response: fitSlaModel(history, "first_response", policy.sla.minHistory),
        resolution: fitSlaModel(history, "resolution", policy.sla.minHistory),
      };
      const roster = await runTool(supportTool("support_roster"), {}, ctx);
      return { policy, models, roster };
    });
    const out: PlanProposal[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof readPage>> = await readPage(after);
      for (const t of page.tickets) {
        if (!t.priority || !t.queue) continue;
        const risks = slaRisks(
          t,
          models,
          {
            priority: t.priority,
            queueLoad: roster.queue_load[t.queue] ?? 0,
            available: availableFor(t.queue, roster.people, asOf, policy).length,
            waitingOnCustomer: t.status === "pending" || t.status === "on_hold",
          },
          asOf,
          policy,
        );
        for (const { assignee_id, required_skill, ...task } of slaTasks(
          { ...t, priority: t.priority },
          risks,
          t.assignee_id,
          asOf,
          policy,
        )) {
          out.push({
            ...task,
            source: "support",
            required_skill: required_skill ?? null,
            owner_id: assignee_id ?? null,
          });
        }
      }
      after = page.next_after;
    } while (after);
    return out;

    function readPage(cursor: string | null) {
      return runTool(
        supportTool("support_open_tickets"),
        { account_ids: slice.accountIds, limit: PAGE, ...(cursor ? { after: cursor } : {}) },
        ctx,
      );
    }
  },
};
