import { readFileSync } from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import { getTenant } from "../../../db/index.ts";
import type { DraftDecision } from "../../../db/queries/drafts.ts";
import { decideRunDrafts } from "../../../graphs/runtime/index.ts";
import { buildDeps } from "../../deps.ts";
import { withStore } from "../context.ts";
import { agentOfRun } from "../run-agent.ts";
import { parsePositiveInt, parseSlug, parseUuid } from "../options.ts";
import { printRun } from "../print-run.ts";

interface ApproveOptions {
  tenant: string;
  all?: boolean;
  approve: string[];
  reject: string[];
  edit: string[];
  note?: string;
  as: string;
  show: number;
}

const collect = (parse: (v: string) => string) => (value: string, previous: string[]) => [
  ...previous,
  parse(value),
];

export function registerApprove(program: Command): void {
  program
    .command("approve")
    .description("Decide the drafts a run waits on (approve, edit, reject), then resume the run")
    .argument("<run-id>", "the interrupted run", parseUuid)
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--all", "approve every draft the run waits on")
    .option("--approve <draft-id>", "approve a draft (repeatable)", collect(parseUuid), [])
    .option("--reject <draft-id>", "reject a draft (repeatable)", collect(parseUuid), [])
    .option(
      "--edit <draft-id=file>",
      "approve a draft with the body from a file (repeatable)",
      collect(parseEdit),
      [],
    )
    .option("--note <text>", "a note stored with every decision")
    .option("--as <who>", "who decides (recorded as approver)", "user:cli")
    .option("--show <n>", "how many outputs to print", parsePositiveInt, 20)
    .action((runId: string, opts: ApproveOptions) =>
      withStore(async ({ config, store, log }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const agent = await agentOfRun(store.sql, tenant.id, runId);
        const decisions: DraftDecision[] = [
          ...opts.approve.map((draftId) => ({ draftId, decision: "approve" as const, note: opts.note })),
          ...opts.reject.map((draftId) => ({ draftId, decision: "reject" as const, note: opts.note })),
          ...opts.edit.map((spec) => {
            const [draftId, file] = spec.split("=") as [string, string];
            return { draftId, decision: "edit" as const, body: readFileSync(file, "utf8"), note: opts.note };
          }),
        ];
        if (opts.all) {
          const pending = await store.sql<{ id: string }[]>`
            SELECT id FROM drafts WHERE tenant_id = ${tenant.id} AND run_id = ${runId} AND status = 'pending'`;
          for (const d of pending) {
            if (!decisions.some((x) => x.draftId === d.id))
              decisions.push({ draftId: d.id, decision: "approve", note: opts.note });
          }
        }
        const deps = await buildDeps(config, store, log);
        const leg = await decideRunDrafts(deps, agent, tenant.id, runId, decisions, opts.as);
        await printRun(store.sql, leg.run, leg.interrupts, opts.show, agent.summarize?.(leg.values) ?? []);
      }),
    );
}

function parseEdit(value: string): string {
  const [id, file] = value.split("=");
  if (!id || !file) throw new InvalidArgumentError(`expected <draft-id>=<file>, got "${value}"`);
  return `${parseUuid(id)}=${file}`;
}
