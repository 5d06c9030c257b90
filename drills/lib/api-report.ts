/** Output of the API drills: a small aligned table, one JSON line, and the exit code. */

export type Cell = string | number | boolean | null;

/** Prints rows as an aligned text table (columns from the first row's keys). */
export function printTable(title: string, rows: Record<string, Cell>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log("  (no rows)");
    return;
  }
  const cols = Object.keys(rows[0]!);
  const text = (v: Cell) => (v === null ? "-" : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c] ?? null).length)));
  const line = (cells: string[]) => "  " + cells.map((s, i) => s.padEnd(widths[i]!)).join("  ");
  console.log(line(cols));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => text(r[c] ?? null))));
}

/**
 * Ends a drill: prints the JSON line (`{"drill": name, "pass": …, …}`), then exits 0 on pass or 1
 * with each failure named on stderr.
 */
export function finish(name: string, failures: string[], results: Record<string, unknown>): never {
  const pass = failures.length === 0;
  console.log(JSON.stringify({ drill: name, pass, failures, ...results }));
  if (!pass) {
    console.error(`\n${name}: FAIL`);
    for (const f of failures) console.error(`  - ${f}`);
  } else console.log(`\n${name}: PASS`);
  process.exit(pass ? 0 : 1);
}

/** Rounds to `d` decimals. */
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
