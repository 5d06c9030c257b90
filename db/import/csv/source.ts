import { createReadStream } from "node:fs";
import { parse, CsvError } from "csv-parse";
import { ImportError } from "../../errors.ts";
import type { Mapping } from "./schema.ts";

/** One CSV record and the line it starts on (1-based, counting the header line). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** An open CSV file: its header, then its records, streamed. */
export interface CsvSource {
  header: string[];
  records: AsyncGenerator<CsvRecord>;
  /** Bytes read from the file so far (for progress). */
  bytesRead(): number;
  close(): void;
}

/**
 * Opens a CSV as a stream: records are parsed as they are read, so memory stays flat whatever
 * the file size. A row with the wrong number of cells is passed on (the row builder reports it);
 * a file that cannot be parsed at all (an unclosed quote …) is an ImportError at its line.
 */
export async function openCsv(file: string, options: Mapping["csv"]): Promise<CsvSource> {
  const stream = createReadStream(file);
  const parser = parse({
    delimiter: options.delimiter,
    quote: options.quote,
    encoding: options.encoding,
    bom: true,
    relax_column_count: true,
    // blank lines are skipped below, where they can still be counted
    skip_empty_lines: false,
  });
  stream.on("error", (err) => parser.destroy(err));
  stream.pipe(parser);
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  // csv-parse's own line count is off for CRLF inside quoted fields, so lines are counted here:
  // a record spans one line plus one per newline inside its cells.
  let next = 1;
  const read = async (): Promise<CsvRecord | undefined> => {
    for (;;) {
      let result: IteratorResult<string[]>;
      try {
        result = await iterator.next();
      } catch (err) {
        if (err instanceof CsvError) {
          throw new ImportError(
            [{ file, line: next, reason: err.message }],
            `Cannot parse ${file}; nothing was written.`,
          );
        }
        // the file is missing or unreadable: a named error, like every other bad input
        if ((err as NodeJS.ErrnoException).code !== undefined) {
          throw new ImportError(
            [{ file, line: next, reason: (err as Error).message }],
            `Cannot read ${file}.`,
          );
        }
        throw err;
      }
      if (result.done) return undefined;
      const cells = result.value;
      const line = next;
      next += 1 + cells.reduce((n, cell) => n + countNewlines(cell), 0);
      if (cells.length === 1 && cells[0] === "") continue; // a blank line
      return { line, cells };
    }
  };
  const first = await read();
  if (!first) {
    stream.destroy();
    throw new ImportError([{ file, line: 1, reason: "the file is empty: a header row is needed" }]);
  }
  async function* records(): AsyncGenerator<CsvRecord> {
    for (let record = await read(); record; record = await read()) yield record;
  }
  return {
    header: first.cells,
    records: records(),
    bytesRead: () => stream.bytesRead,
    close: () => {
      stream.destroy();
      parser.destroy();
    },
  };
}

function countNewlines(cell: string): number {
  let n = 0;
  for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n++;
  return n;
}
