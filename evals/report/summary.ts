import type { EvalReport } from "../core/types.ts";
import type { GateResult } from "../gates/thresholds.ts";
import { f3 } from "./format.ts";

/** A short text summary for the terminal: each suite's metrics, then the gates that failed. */
export function formatSummary(report: EvalReport, gates: readonly GateResult[]): string {
  const lines: string[] = [];
  const width = Math.max(...report.suites.flatMap((s) => s.metrics.map((m) => m.name.length)), 10);
  for (const s of report.suites) {
    lines.push(`${s.suite} (${s.seconds.toFixed(1)} s)`);
    for (const m of s.metrics) {
      const v = m.status === "not_run" ? `not run: ${m.reason}` : f3(m.value);
      const base = m.baselines?.[0] ? `   baseline ${f3(m.baselines[0].value)} ${m.baselines[0].source}` : "";
      lines.push(`  ${m.name.padEnd(width)}  ${v}${base}`);
    }
  }
  const failed = gates.filter((g) => g.verdict === "fail");
  if (gates.length > 0)
    lines.push(
      "",
      `gates: ${gates.filter((g) => g.verdict === "pass").length} pass, ${failed.length} fail, ` +
        `${gates.filter((g) => g.verdict === "skipped").length} skipped`,
    );
  return lines.join("\n");
}
