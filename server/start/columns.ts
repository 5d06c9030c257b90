/**
 * Lines of a table whose columns line up whatever the cell widths (real names are long: a
 * `best_case` tier, a `marketing` role). `right` lists the columns aligned to the right
 * (numbers); each line starts with `indent` and cells are separated by two spaces. Trailing
 * cells may be left out of a row; the last cell of a row is never padded.
 */
export function alignColumns(rows: string[][], right: number[] = [], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => {
          if (i === row.length - 1 && !right.includes(i)) return cell;
          return right.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
        })
        .join("  "),
  );
}
