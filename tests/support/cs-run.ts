import type { Sql } from "../../db/index.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import type { CsBook } from "./cs-book.ts";

/** Rows a CS test reads back from the store, by account name. */
export async function csOutputs(sql: Sql, book: CsBook, runId?: string) {
  const scores = await sql<
    {
      name: string;
      kind: string;
      value: number;
      probability: number | null;
      tier: string;
      model_version: string;
      reasons: { factor: string; contribution: number; evidence_ids: string[] }[];
    }[]
  >`SELECT a.name, s.kind, s.value::float8 AS value, s.probability::float8 AS probability, s.tier, s.model_version, s.reasons
    FROM scores s JOIN accounts a ON a.id = s.entity_id
    WHERE s.tenant_id = ${book.tenantId} ${runId ? sql`AND s.run_id = ${runId}` : sql``}
    ORDER BY s.created_at, a.name, s.kind`;
  const tasks = await sql<
    {
      id: string;
      type: string;
      entity_kind: string;
      entity_id: string;
      title: string;
      reason: string;
      dedupe_key: string;
      due_at: Date;
      run_id: string;
      status: string;
      evidence_ids: string[];
    }[]
  >`SELECT id, type, entity_kind, entity_id, title, reason, dedupe_key, due_at, run_id, status, evidence_ids
    FROM tasks WHERE tenant_id = ${book.tenantId} ORDER BY dedupe_key`;
  const drafts = await sql<
    {
      id: string;
      contact_id: string;
      status: string;
      body: string;
      subject: string;
      evidence_ids: string[];
      run_id: string;
      provider: string;
    }[]
  >`
    SELECT id, contact_id, status, body, subject, evidence_ids, run_id, provider
    FROM drafts WHERE tenant_id = ${book.tenantId} ORDER BY created_at`;
  const outbox = await sql<{ draft_id: string; payload: { body: string; subject: string } }[]>`
    SELECT draft_id, payload FROM outbox WHERE tenant_id = ${book.tenantId}`;
  return { scores, tasks, drafts, outbox };
}

/** Deps whose model layer throws once, in the draft node: a worker that crashes mid-run. */
export function crashingOnce(deps: Deps): Deps {
  let crashed = false;
  return {
    ...deps,
    models: {
      label: deps.models.label,
      offline: deps.models.offline,
      call: (request, run) => {
        if (!crashed) {
          crashed = true;
          throw new Error(`worker crashed in ${request.node}`);
        }
        return deps.models.call(request, run);
      },
    },
  };
}
