import type { PlannerPolicy } from "../../agents/planner/index.ts";
import { runTool, TOOLS, type ToolContext } from "../../tools/index.ts";
import { PROPOSAL_SOURCES, type BatchSlice } from "./sources/index.ts";
import { UnknownSourceError } from "./errors.ts";

/** The key of one source's work on one batch: a retried batch rewrites its own rows. */
export const batchKey = (source: string, slice: BatchSlice): string =>
  `${source}:${slice.accountIds[0] ?? slice.leadIds[0] ?? "empty"}:${slice.accountIds.length + slice.leadIds.length}`;

/**
 * Runs one source's proposal step over a slice of the book and saves what it proposes as
 * candidates of the plan (one transaction). Returns how many tasks it proposed and created.
 */
export async function proposeSlice(
  ctx: ToolContext,
  req: { planId: string; source: string; slice: BatchSlice; asOf: Date; policy: PlannerPolicy },
): Promise<{ proposed: number; created: number }> {
  const source = Object.hasOwn(PROPOSAL_SOURCES, req.source) ? PROPOSAL_SOURCES[req.source] : undefined;
  if (!source) throw new UnknownSourceError(req.source, Object.keys(PROPOSAL_SOURCES));
  const tasks = await source.propose(ctx, req.slice, req.asOf, req.policy);
  if (tasks.length === 0) return { proposed: 0, created: 0 };
  const saved = await runTool(
    TOOLS.planner_save_proposals,
    { plan_id: req.planId, batch_key: batchKey(req.source, req.slice), tasks },
    ctx,
  );
  return { proposed: tasks.length, created: saved.created };
}
