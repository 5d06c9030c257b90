import type { EvalReport, Metric } from "../core/types.ts";
import type { GateResult } from "../gates/thresholds.ts";
import { f3, mdTable } from "./format.ts";

const value = (m: Metric) => (m.status === "not_run" ? `not run: ${m.reason}` : f3(m.value));
const baselines = (m: Metric) =>
  (m.baselines ?? []).map((b) => `${f3(b.value)} (${b.source})`).join("; ") || "–";

/** The report as Markdown: gates, then per suite its metrics beside the baselines, tables and charts. */
export function formatMarkdown(report: EvalReport, gates: readonly GateResult[]): string {
  const gateOf = new Map(gates.map((g) => [g.metric, g]));
  const gateCell = (name: string) => {
    const g = gateOf.get(name);
    if (!g) return "–";
    const b = [
      g.gate.min !== undefined ? `≥ ${g.gate.min}` : "",
      g.gate.max !== undefined ? `≤ ${g.gate.max}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return `${b} ${g.verdict === "pass" ? "✓" : g.verdict === "fail" ? "✗ FAIL" : "(skipped)"}`;
  };
  const failed = gates.filter((g) => g.verdict === "fail");
  const out = [
    `# crm eval report`,
    "",
    `${report.createdAt} · seed ${report.options.seed}${report.options.shuffleLabels ? " · **training labels shuffled (negative control)**" : ""} · ` +
      `${report.suites.length} suites in ${report.seconds.toFixed(0)} s · Node ${report.machine.node}, ${report.machine.cores} cores`,
    "",
    gates.length === 0
      ? "No gates checked."
      : failed.length === 0
        ? `All ${gates.filter((g) => g.verdict === "pass").length} gates pass (${gates.filter((g) => g.verdict === "skipped").length} skipped).`
        : `**${failed.length} gate(s) fail:** ${failed.map((g) => g.message).join("; ")}`,
  ];
  for (const s of report.suites) {
    out.push("", `## ${s.suite} — ${s.title}`, "", `${s.seconds.toFixed(1)} s`, "");
    out.push(
      mdTable(
        ["metric", "what", "ours", "gate", "baselines"],
        s.metrics.map((m) => [m.name, m.label, value(m), gateCell(m.name), baselines(m)]),
      ),
    );
    for (const sec of s.sections) out.push("", `### ${sec.title}`, "", sec.markdown);
    if (s.charts.length > 0) out.push("", ...s.charts.map((c) => `![${c.title}](${c.file})`));
  }
  return `${out.join("\n")}\n`;
}
