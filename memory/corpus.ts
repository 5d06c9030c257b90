import type postgres from "postgres";
import { withTenant, type Sql } from "../db/index.ts";

/** Entity kinds whose text is kept in semantic memory. */
export const CORPUS_KINDS = ["activity", "ticket", "kb_article"] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

/** One entity's text and the metadata its chunks can be filtered on. */
export interface CorpusDocument {
  entityKind: CorpusKind;
  entityId: string;
  text: string;
  metadata: Record<string, unknown>;
}

const FIRST_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Reads a tenant's documents of one kind, `pageSize` at a time in id order (keyset paging, so
 * a large book never sits in memory at once). Entities without text are skipped.
 */
export async function* readCorpus(
  sql: postgres.Sql,
  tenantId: string,
  kind: CorpusKind,
  pageSize = 500,
): AsyncGenerator<CorpusDocument[]> {
  let after = FIRST_ID;
  for (;;) {
    const page = await withTenant(sql, tenantId, (tx) => readPage(tx, kind, after, pageSize));
    if (page.length === 0) return;
    after = page[page.length - 1]!.entityId;
    const docs = page.filter((d) => d.text.trim().length > 0);
    if (docs.length > 0) yield docs;
    if (page.length < pageSize) return;
  }
}

async function readPage(sql: Sql, kind: CorpusKind, after: string, limit: number): Promise<CorpusDocument[]> {
  if (kind === "activity") {
    const rows = await sql<{ id: string; text: string; metadata: Record<string, unknown> }[]>`
      SELECT id, concat_ws(E'\n', subject, body) AS text,
             jsonb_strip_nulls(jsonb_build_object('kind', kind, 'account_id', account_id, 'lead_id', lead_id,
               'deal_id', deal_id, 'contact_id', contact_id, 'occurred_at', occurred_at)) AS metadata
      FROM activities WHERE id > ${after} ORDER BY id LIMIT ${limit}`;
    return rows.map((r) => ({ entityKind: kind, entityId: r.id, text: r.text, metadata: r.metadata }));
  }
  if (kind === "ticket") {
    const rows = await sql<{ id: string; text: string; metadata: Record<string, unknown> }[]>`
      SELECT id, concat_ws(E'\n', subject, body) AS text,
             jsonb_strip_nulls(jsonb_build_object('account_id', account_id, 'status', status,
               'category', category, 'queue', queue, 'language', language, 'priority', priority)) AS metadata
      FROM tickets WHERE id > ${after} ORDER BY id LIMIT ${limit}`;
    return rows.map((r) => ({ entityKind: kind, entityId: r.id, text: r.text, metadata: r.metadata }));
  }
  const rows = await sql<{ id: string; text: string; metadata: Record<string, unknown> }[]>`
    SELECT id, concat_ws(E'\n', title, body) AS text,
           jsonb_strip_nulls(jsonb_build_object('language', language, 'tags', to_jsonb(tags), 'title', title)) AS metadata
    FROM kb_articles WHERE id > ${after} ORDER BY id LIMIT ${limit}`;
  return rows.map((r) => ({ entityKind: kind, entityId: r.id, text: r.text, metadata: r.metadata }));
}
