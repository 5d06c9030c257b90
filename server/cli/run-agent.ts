import { getRun } from "../../db/queries/runs.ts";
import { agentNamed } from "../../graphs/agents.ts";
import { RunNotFoundError, type AgentDefinition } from "../../graphs/runtime/index.ts";
import type postgres from "postgres";

/** The agent a run of this tenant belongs to; RUN_NOT_FOUND for another tenant's or no run. */
export async function agentOfRun(
  sql: postgres.Sql,
  tenantId: string,
  runId: string,
): Promise<AgentDefinition> {
  const run = await getRun(sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  return agentNamed(run.agent);
}
