import type postgres from "postgres";
import { loadLabelledTickets, stratifiedSplit } from "../../agents/support/classifier/index.ts";
import type { TriageCase } from "./datasets.ts";

/**
 * The train and test rows of a case, read from the store: the official split as imported
 * (`attributes.split`), or a stratified split seeded with `seed`.
 */
export async function caseRows(sql: postgres.Sql, tenantId: string, c: TriageCase, seed: number) {
  if (c.split.kind === "official") {
    const [train, test] = [c.split.train, c.split.test];
    return {
      train: await loadLabelledTickets(sql, tenantId, { label: c.label, split: train }),
      test: await loadLabelledTickets(sql, tenantId, { label: c.label, split: test }),
    };
  }
  const rows = await loadLabelledTickets(sql, tenantId, { label: c.label });
  const { train, test } = stratifiedSplit(
    rows.map((r) => r.label),
    c.split.testFraction,
    seed,
  );
  return { train: train.map((i) => rows[i]!), test: test.map((i) => rows[i]!) };
}
