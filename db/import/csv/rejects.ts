import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { RowProblem } from "../../errors.ts";

/** Where skipped rows go: one JSON object per line, with the problems and the row's cells. */
export interface RejectWriter {
  write(line: number, problems: RowProblem[], cells: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (truncates) a JSONL reject file. Each line is
 * `{"file","line","problems":[{"column","reason"}],"record":{header: cell}}`; a row whose cell
 * count is wrong keeps its raw `cells` instead of `record`. Excluded (leakage) columns are left
 * out: they are never stored anywhere.
 */
export async function openRejectFile(
  path: string,
  file: string,
  header: string[],
  excluded: Set<number>,
): Promise<RejectWriter> {
  const out: WriteStream = createWriteStream(path, { flags: "w" });
  await once(out, "open");
  return {
    async write(line, problems, cells) {
      const reasons = problems.map((p) => ({ column: p.column ?? null, reason: p.reason }));
      const entry =
        cells.length === header.length
          ? {
              file,
              line,
              problems: reasons,
              record: Object.fromEntries(header.flatMap((h, i) => (excluded.has(i) ? [] : [[h, cells[i]]]))),
            }
          : { file, line, problems: reasons, cells };
      // respect backpressure: a file of bad rows can be as big as the input
      if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, "drain");
    },
    async close() {
      out.end();
      await once(out, "finish");
    },
  };
}
