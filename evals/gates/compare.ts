import { readFile } from "node:fs/promises";
import { z } from "zod";
import { EvalFileError } from "../core/errors.ts";
import type { EvalReport } from "../core/types.ts";

const metricSchema = z.object({
  name: z.string(),
  value: z.number().nullable(),
  status: z.enum(["ok", "not_run"]),
  better: z.enum(["higher", "lower"]),
  label: z.string(),
});
const reportSchema = z.object({
  format: z.literal("crm-eval/1"),
  createdAt: z.string(),
  suites: z.array(z.object({ suite: z.string(), metrics: z.array(metricSchema) })),
});

/** Reads an eval report (JSON) for `--compare`; a file that is not one fails naming the problem. */
export async function loadReport(
  file: string,
): Promise<Pick<EvalReport, "createdAt"> & z.infer<typeof reportSchema>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new EvalFileError(file, `cannot read an eval report (${(err as Error).message})`);
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvalFileError(file, `not an eval report: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

type ReportLike = z.infer<typeof reportSchema>;

/** How one metric moved between two reports. */
export interface Movement {
  metric: string;
  before: number | null;
  after: number | null;
  delta: number | null;
  /** better / worse by the metric's own direction; `changed` for a status change or a new or removed metric. */
  verdict: "better" | "worse" | "same" | "changed";
  note?: string;
}

/** Changes smaller than this are rounding, not movement. */
const EPSILON = 1e-9;

/** Every metric of either report with how it moved, worse first, then better, then changed, then same. */
export function compareReports(a: ReportLike, b: ReportLike): Movement[] {
  const index = (r: ReportLike) => new Map(r.suites.flatMap((s) => s.metrics.map((m) => [m.name, m])));
  const before = index(a);
  const after = index(b);
  const names = [...new Set([...before.keys(), ...after.keys()])];
  const moves = names.map((name): Movement => {
    const x = before.get(name);
    const y = after.get(name);
    const pair = { metric: name, before: x?.value ?? null, after: y?.value ?? null };
    if (!x) return { ...pair, delta: null, verdict: "changed", note: "new metric" };
    if (!y) return { ...pair, delta: null, verdict: "changed", note: "no longer reported" };
    if (x.status !== y.status)
      return { ...pair, delta: null, verdict: "changed", note: `${x.status} → ${y.status}` };
    if (x.value === null || y.value === null)
      return { ...pair, delta: null, verdict: x.value === y.value ? "same" : "changed" };
    const delta = y.value - x.value;
    if (Math.abs(delta) < EPSILON) return { ...pair, delta: 0, verdict: "same" };
    const improved = y.better === "higher" ? delta > 0 : delta < 0;
    return { ...pair, delta, verdict: improved ? "better" : "worse" };
  });
  const order = { worse: 0, better: 1, changed: 2, same: 3 };
  return moves.sort(
    (p, q) =>
      order[p.verdict] - order[q.verdict] ||
      Math.abs(q.delta ?? 0) - Math.abs(p.delta ?? 0) ||
      p.metric.localeCompare(q.metric),
  );
}

const num = (x: number | null) => (x === null ? "–" : Number(x.toFixed(4)).toString());

/** The movements as text: what got worse and better, what changed status; unchanged ones counted. */
export function formatComparison(a: ReportLike, b: ReportLike, moves: readonly Movement[]): string {
  const moved = moves.filter((m) => m.verdict !== "same");
  const same = moves.length - moved.length;
  const width = Math.max(6, ...moved.map((m) => m.metric.length));
  const lines = [
    `comparing ${a.createdAt} → ${b.createdAt}: ${moved.length} moved, ${same} unchanged`,
    ...moved.map((m) => {
      const delta = m.delta === null ? "" : ` (${m.delta > 0 ? "+" : ""}${num(m.delta)})`;
      return `  ${m.verdict.padEnd(7)} ${m.metric.padEnd(width)}  ${num(m.before)} → ${num(m.after)}${delta}${m.note ? `  ${m.note}` : ""}`;
    }),
  ];
  return lines.join("\n");
}
