// A drill's verdict: a table of checks and facts on stdout, one JSON line, and the exit code.
import type { Check } from "./infra-checks.ts";

export interface DrillReport {
  drill: string;
  /** Facts worth reading (timings, counts per worker …), printed above the checks. */
  facts: Record<string, unknown>;
  checks: Check[];
}

const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - s.length));
const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Prints the report; returns the exit code (0 when every check passed). */
export function printReport(report: DrillReport): number {
  const failed = report.checks.filter((c) => !c.ok);
  console.log(`\n${report.drill}`);
  const factWidth = Math.max(...Object.keys(report.facts).map((k) => k.length), 10);
  for (const [k, v] of Object.entries(report.facts)) console.log(`  ${pad(k, factWidth)}  ${show(v)}`);
  const w = Math.max(...report.checks.map((c) => c.name.length), 10);
  console.log(`\n  ${pad("check", w)}  ${pad("value", 10)}  ${pad("want", 12)}  result`);
  for (const c of report.checks) {
    console.log(
      `  ${pad(c.name, w)}  ${pad(String(c.value), 10)}  ${pad(c.want, 12)}  ${c.ok ? "ok" : "FAIL"}`,
    );
  }
  console.log(
    failed.length === 0
      ? `\nPASS: ${report.checks.length} checks`
      : `\nFAIL: ${failed.map((c) => `${c.name} = ${c.value} (want ${c.want})`).join("; ")}`,
  );
  console.log(
    JSON.stringify({
      drill: report.drill,
      pass: failed.length === 0,
      failed: failed.map((c) => c.name),
      ...report.facts,
      checks: Object.fromEntries(report.checks.map((c) => [c.name, c.value])),
    }),
  );
  return failed.length === 0 ? 0 : 1;
}

/** A check on a count. */
export function checkEquals(name: string, value: number, want: number): Check {
  return { name, value, want: String(want), ok: value === want };
}

export function checkTrue(name: string, ok: boolean, value: number | string, want: string): Check {
  return { name, value, want, ok };
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** A drill that could not get to its checks (a worker crashed, a service never came back): FAIL. */
export function printAbort(drill: string, err: unknown, facts: Record<string, unknown> = {}): number {
  const message = err instanceof Error ? err.message : String(err);
  console.log(`\n${drill}\n\nFAIL: the drill could not finish: ${message.split("\n")[0]}`);
  console.log(JSON.stringify({ drill, pass: false, failed: ["drill finished"], error: message, ...facts }));
  return 1;
}
