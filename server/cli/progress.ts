import cliProgress from "cli-progress";
import type { CliOutput } from "./output.ts";

/**
 * A started progress bar on stderr, or undefined when stderr is not a terminal (logs and CI
 * output stay clean) or the command runs inside a serving process (`out.tty` false). `format` uses cli-progress tokens ({bar}, {percentage}, {value}, {total},
 * {eta_formatted}) plus any payload keys given in `payload`.
 */
export function terminalBar(
  out: CliOutput,
  format: string,
  total: number,
  payload: Record<string, unknown> = {},
): cliProgress.SingleBar | undefined {
  if (!out.tty) return undefined;
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, payload);
  return bar;
}

/** Progress through a fixed list of tables (snapshots): which table, and its rows so far. */
export function tableProgress(out: CliOutput, label: string, tables: readonly string[]) {
  const bar = terminalBar(out, `${label} {bar} {value}/{total} tables | {table} {rows} rows`, tables.length, {
    table: "",
    rows: 0,
  });
  return {
    update: (table: string, rows: number) => bar?.update(tables.indexOf(table) + 1, { table, rows }),
    stop: () => bar?.stop(),
  };
}
