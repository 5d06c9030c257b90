import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Chart, EvalReport } from "../core/types.ts";
import type { GateResult } from "../gates/thresholds.ts";
import { formatMarkdown } from "./markdown.ts";

/** The files of a written report. */
export interface WrittenReport {
  json: string;
  markdown: string;
  charts: string[];
}

/** Writes `report.json`, `report.md` and `charts/*.svg` into `dir` (created if missing). */
export async function writeReport(
  dir: string,
  report: EvalReport,
  charts: readonly Chart[],
  gates: readonly GateResult[],
): Promise<WrittenReport> {
  await mkdir(join(dir, "charts"), { recursive: true });
  const json = join(dir, "report.json");
  const markdown = join(dir, "report.md");
  await writeFile(json, `${JSON.stringify({ ...report, gates }, null, 2)}\n`);
  await writeFile(markdown, formatMarkdown(report, gates));
  const files = [];
  for (const c of charts) {
    const file = join(dir, "charts", c.file);
    await writeFile(file, c.svg);
    files.push(file);
  }
  return { json, markdown, charts: files };
}
