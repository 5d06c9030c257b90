import { measured, notRun } from "../../core/metric.ts";
import type { Metric, Section, Suite, SuiteContext } from "../../core/types.ts";
import { mdTable, pct } from "../../report/format.ts";
import { EvalError } from "../../core/errors.ts";
import { agentNames, evalDeps, failures, runAgentsOnBook, runIds, seedEvalBook } from "../agents/bench.ts";
import { textModes, type TextMode } from "../agents/modes.ts";
import { LIMITS, passes, type DraftVerdict } from "./checks.ts";
import { verifyDrafts } from "./verify.ts";

/** The agents whose drafts are checked: all registered but the planner, which writes tasks (plans suite). */
const drafting = () => agentNames().filter((a) => a !== "planner");

/** The demo book: the same one `crm start` loads (200 accounts, seed 42), dated 2026-11-01. */
export const DEMO = { accounts: 200, seed: 42, asOf: "2026-11-01T00:00:00Z" } as const;

const METRICS: [key: string, better: Metric["better"], label: string][] = [
  ["drafts", "higher", "drafts written"],
  ["passing_share", "higher", "share of drafts passing every check"],
  ["ungrounded_claims", "lower", "claims (dates, numbers, quotes, plans) no cited evidence backs"],
  ["other_person_data", "lower", "drafts carrying another contact's name, address or phone"],
  ["opted_out_recipients", "lower", "drafts to a recipient who opted out or gave no consent"],
  ["missing_fields", "lower", "drafts missing a required field"],
  [
    "length_violations",
    "lower",
    `drafts outside the length limits (subject ≤ ${LIMITS.subjectMax}, body ${LIMITS.bodyMin}–${LIMITS.bodyMax} chars)`,
  ],
];

/**
 * Runs every registered agent over the seeded demo book and checks every draft it writes:
 * offline, and with an LLM when a cassette or an endpoint is available (else "not run").
 */
export const DRAFTS_SUITE: Suite = {
  name: "drafts",
  title: "Drafts written by the agents on the seeded demo book",
  fast: true,
  steps: 2 * (drafting().length + 2),
  async run(ctx) {
    const metrics: Metric[] = [];
    const sections: Section[] = [];
    const details: Record<string, unknown> = {};
    for (const mode of textModes(ctx, "drafts")) {
      const m = (key: string) => `drafts.${mode.name}.${key}`;
      if (!mode.models) {
        for (const [key, better, label] of METRICS) metrics.push(notRun(m(key), better, label, mode.reason));
        for (let i = 0; i < drafting().length + 2; i++) ctx.progress.step(`drafts ${mode.name}: not run`);
        continue;
      }
      const verdicts = await draftsOf(ctx, mode);
      const count = (f: (v: DraftVerdict) => boolean) => verdicts.filter(f).length;
      const values: Record<string, number> = {
        drafts: verdicts.length,
        passing_share: verdicts.length ? count(passes) / verdicts.length : Number.NaN,
        ungrounded_claims: verdicts.reduce((n, v) => n + v.ungrounded.length, 0),
        other_person_data: count((v) => v.otherPersonData.length > 0),
        opted_out_recipients: count((v) => v.optedOut),
        missing_fields: count((v) => v.missingFields.length > 0 || v.unresolvedEvidence.length > 0),
        length_violations: count((v) => v.lengthProblems.length > 0),
      };
      for (const [key, better, label] of METRICS) metrics.push(measured(m(key), values[key]!, better, label));
      sections.push(section(mode, verdicts));
      details[mode.name] = { failing: verdicts.filter((v) => !passes(v)) };
      ctx.progress.step(`drafts ${mode.name}: ${verdicts.length} checked`);
    }
    return { metrics, sections, charts: [], details };
  },
};

async function draftsOf(ctx: SuiteContext, mode: Exclude<TextMode, { models: null }>) {
  const book = await seedEvalBook(ctx, `eval-drafts-${mode.name}`, DEMO);
  ctx.progress.step(`drafts ${mode.name}: book seeded`);
  const deps = await evalDeps(ctx, mode.models, book);
  const runs = await runAgentsOnBook(deps, book, drafting(), (agent, status) =>
    ctx.progress.step(`drafts ${mode.name}: ${agent} ${status}`),
  );
  // a run that failed wrote only part of its drafts: checking the rest would flatter it
  const failed = failures(runs);
  if (failed.length > 0)
    throw new EvalError("EVAL_RUN_FAILED", `drafts suite (${mode.name}): ${failed.join("; ")}`);
  return verifyDrafts(ctx.store.sql, book.tenantId, runIds(runs), book.asOf);
}

function section(mode: Exclude<TextMode, { models: null }>, verdicts: readonly DraftVerdict[]): Section {
  const agents = [...new Set(verdicts.map((v) => v.agent))].sort();
  const rows = agents.map((a) => {
    const vs = verdicts.filter((v) => v.agent === a);
    const n = (f: (v: DraftVerdict) => boolean) => String(vs.filter(f).length);
    return [
      a,
      String(vs.length),
      String(vs.reduce((s, v) => s + v.claims, 0)),
      String(vs.reduce((s, v) => s + v.ungrounded.length, 0)),
      n((v) => v.otherPersonData.length > 0),
      n((v) => v.optedOut),
      n((v) => v.missingFields.length > 0 || v.unresolvedEvidence.length > 0),
      n((v) => v.lengthProblems.length > 0),
      pct(vs.filter(passes).length / vs.length),
    ];
  });
  const failing = verdicts.filter((v) => !passes(v)).slice(0, 15);
  const source = mode.name === "offline" ? "the offline provider (templates)" : `the LLM (${mode.source})`;
  return {
    title: `Drafts, text by ${source}`,
    markdown: [
      `The demo book (${DEMO.accounts} accounts, seed ${DEMO.seed}, clock pinned to ${DEMO.asOf.slice(0, 10)}); ` +
        "every agent runs over the whole book; every draft is checked. A claim is a date, number, percentage, " +
        "quoted text or plan in the draft; it is grounded when its cited evidence rows hold it or compute it " +
        "(counts, days to the book's date, usage changes). A proposed call length is an offer, not a claim.",
      "",
      mdTable(
        [
          "agent",
          "drafts",
          "claims",
          "ungrounded",
          "other person's data",
          "opted out",
          "missing fields",
          "length",
          "passing",
        ],
        rows,
      ),
      ...(failing.length
        ? [
            "",
            "Failing drafts (first 15):",
            "",
            mdTable(
              ["draft", "agent", "what"],
              failing.map((v) => [
                v.id,
                v.agent,
                [
                  ...v.ungrounded.map((c) => `ungrounded ${c.kind} "${c.text}"`),
                  ...v.otherPersonData,
                  ...(v.optedOut ? ["recipient opted out"] : []),
                  ...v.missingFields.map((f) => `missing ${f}`),
                  ...v.unresolvedEvidence.map((e) => `evidence ${e} not found`),
                  ...v.lengthProblems,
                ].join("; "),
              ]),
            ),
          ]
        : []),
    ].join("\n"),
  };
}
