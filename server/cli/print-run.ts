import type { AgentRun } from "../../db/queries/runs.ts";
import type { RunOutputs } from "../../db/queries/outputs.ts";
import { countRunOutputs, runOutputs } from "../../db/queries/outputs.ts";
import type postgres from "postgres";
import { currentHost } from "./hosted.ts";
import { consoleOutput, type CliOutput } from "./output.ts";

/**
 * Prints a run's status, usage and what it produced (scores, tasks, drafts with their reasons)
 * to `out` (default: the output of the command running, in this process or hosted in a server).
 */
export async function printRun(
  sql: postgres.Sql,
  run: AgentRun,
  interrupts: unknown[],
  show: number,
  summary: string[] = [],
  out: CliOutput = currentHost()?.out ?? consoleOutput(),
) {
  const usage = run.usage as { total?: { calls: number; inputTokens: number; outputTokens: number } };
  const u = usage.total ?? { calls: 0, inputTokens: 0, outputTokens: 0 };
  out.log(`run ${run.id}  agent ${run.agent}  status ${run.status}${run.degraded ? " (degraded)" : ""}`);
  out.log(
    `  text by: ${run.provider ?? "-"}   model calls ${u.calls}, tokens in ${u.inputTokens} / out ${u.outputTokens}`,
  );
  if (run.error)
    out.log(`  ${String(run.error.code ?? "")}: ${String(run.error.message ?? JSON.stringify(run.error))}`);
  const counts = await countRunOutputs(sql, run.id);
  out.log(
    `  wrote ${counts.scores} scores, ${counts.tasks} tasks, ${counts.drafts} drafts (showing up to ${show} of each, scores per kind)`,
  );
  printOutputs(out, await runOutputs(sql, run.id, show));
  if (summary.length > 0) out.log(`\n${summary.join("\n")}`);
  if (run.status === "interrupted") {
    out.log(`\nwaiting for a person: ${describeInterrupts(interrupts)}`);
    out.log(`  approve all:  crm approve ${run.id} --all`);
    out.log(
      `  or per draft: crm approve ${run.id} --approve <draft-id> --reject <draft-id> --edit <draft-id>=<file>`,
    );
  }
}

function printOutputs(out: CliOutput, { scores, tasks, drafts }: RunOutputs): void {
  if (scores.length > 0) out.log("\nscores");
  for (const s of scores) {
    const p = s.probability === null ? "" : ` p=${s.probability.toFixed(3)}`;
    out.log(
      `  ${s.kind} ${s.value.toFixed(0).padStart(3)} ${s.tier ?? ""}${p}  ${s.entity_kind} ${s.entity_name ?? s.entity_id}  [${s.model_version}]`,
    );
    const top = [...s.reasons]
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, 4);
    for (const r of top)
      out.log(`      ${r.contribution >= 0 ? "+" : ""}${round(r.contribution)}  ${r.factor}`);
  }
  if (tasks.length > 0) out.log("\ntasks");
  for (const t of tasks) {
    const due = t.due_at ? t.due_at.toISOString().slice(0, 16).replace("T", " ") : "-";
    out.log(
      `  [${t.type}] ${t.title}  value ${round(t.priority_value)}  due ${due}  → ${t.assignee ?? "unassigned"}`,
    );
    out.log(`      ${t.reason}`);
    if (!t.created)
      out.log(`      proposed again; first by ${t.proposed_by_agent} run ${t.proposed_by_run_id ?? "-"}`);
  }
  if (drafts.length > 0) out.log("\ndrafts");
  for (const d of drafts) {
    out.log(`  ${d.id} ${d.status} ${d.channel} by ${d.provider}: ${d.subject ?? ""}`);
    for (const line of d.body.split("\n").slice(0, 6)) out.log(`      ${line}`);
    out.log(`      evidence: ${d.evidence_ids.join(", ")}`);
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

function describeInterrupts(interrupts: unknown[]): string {
  return interrupts
    .map((i) => {
      const request = i as { kind?: string; drafts?: unknown[] };
      return request.kind === "draft_approval"
        ? `${request.drafts?.length ?? 0} drafts to approve, edit or reject`
        : JSON.stringify(i).slice(0, 300);
    })
    .join("; ");
}
