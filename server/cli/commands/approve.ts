import { readFileSync } from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import { getTenant } from "../../../db/index.ts";
import { pendingDraftIds } from "../../../db/queries/draft-list.ts";
import type { DraftDecision } from "../../../db/queries/drafts.ts";
import { decideRunDrafts, type RestOfRun } from "../../../graphs/runtime/index.ts";
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
  rest?: RestOfRun;
  note?: string;
  as: string;
  show: number;
}

const collect = (parse: (v: string) => string) => (value: string, previous: string[]) => [
  ...previous,
  parse(value),
];

function parseRest(value: string): RestOfRun {
  if (value === "pending" || value === "reject") return value;
  throw new InvalidArgumentError(`expected "reject" or "pending", got "${value}"`);
}

export function registerApprove(program: Command): void {
  program
    .command("approve")
    .description(
      "Decide drafts a run waits on (approve, edit, reject: one, some or all); the run resumes once " +
        "every draft is decided, or at once with --rest",
    )
    .argument("<run-id>", "the interrupted run", parseUuid)
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--all", "approve every draft the run waits on (besides those decided by other options)")
    .option("--approve <draft-id>", "approve a draft (repeatable)", collect(parseUuid), [])
    .option("--reject <draft-id>", "reject a draft (repeatable)", collect(parseUuid), [])
    .option(
      "--edit <draft-id=file>",
      "approve a draft with the body from a file (repeatable)",
      collect(parseEdit),
      [],
    )
    .option(
      "--rest <reject|pending>",
      "resume now: reject the drafts not decided here, or leave them pending (decide them later)",
      parseRest,
    )
    .option("--note <text>", "a note stored with every decision")
    .option("--as <who>", "who decides (recorded as approver)", "user:cli")
    .option("--show <n>", "how many outputs to print", parsePositiveInt, 20)
    .action((runId: string, opts: ApproveOptions) =>
      withStore(async ({ config, store, log, out }) => {
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
          for (const draftId of await pendingDraftIds(store.sql, tenant.id, runId)) {
            if (!decisions.some((x) => x.draftId === draftId))
              decisions.push({ draftId, decision: "approve", note: opts.note });
          }
        }
        if (decisions.length === 0 && !opts.rest) {
          throw new InvalidArgumentError(
            "nothing to decide: give --approve, --reject, --edit, --all or --rest",
          );
        }
        const deps = await buildDeps(config, store, log);
        const leg = await decideRunDrafts(deps, agent, tenant.id, runId, decisions, opts.as, opts.rest);
        if (leg.run.status === "interrupted") {
          out.log(
            `run ${runId} still waits on ${leg.pending.length} draft(s): ${leg.pending.join(", ")}` +
              ` (decide them, or resume with --rest reject|pending)`,
          );
          return;
        }
        if (leg.pending.length > 0)
          out.log(`left pending (decide them one by one later): ${leg.pending.join(", ")}`);
        await printRun(store.sql, leg.run, leg.interrupts, opts.show, agent.summarize?.(leg.values) ?? []);
      }),
    );
}

function parseEdit(value: string): string {
  const [id, file] = value.split("=");
  if (!id || !file) throw new InvalidArgumentError(`expected <draft-id>=<file>, got "${value}"`);
  return `${parseUuid(id)}=${file}`;
}
