/** Number formatting and Markdown tables shared by the report writers. */
export const f3 = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(3);

export const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** A GitHub-flavoured Markdown table; `|` inside cells is escaped. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => c.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}
