import type postgres from "postgres";
import { checkDraft, type DraftVerdict } from "./checks.ts";
import { loadDrafts, loadEvidence, loadPeople, loadSenders } from "./load.ts";

/** Checks every draft the given runs wrote. */
export async function verifyDrafts(
  sql: postgres.Sql,
  tenantId: string,
  runIds: readonly string[],
  asOf: Date,
): Promise<DraftVerdict[]> {
  const drafts = await loadDrafts(sql, tenantId, runIds);
  const evidence = await loadEvidence(
    sql,
    tenantId,
    drafts.flatMap((d) => d.evidence_ids),
  );
  const people = await loadPeople(sql, tenantId);
  const senders = await loadSenders(sql, tenantId);
  return drafts.map((d) => checkDraft(d, evidence, people, senders, asOf));
}
