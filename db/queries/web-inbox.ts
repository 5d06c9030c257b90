import type postgres from "postgres";

/** What the inbox shows beside a draft that the draft row itself only holds ids of. */
export interface DraftContext {
  /** recipient by contact or lead id: name and email */
  recipients: Map<string, { name: string; email: string | null }>;
  /** account by id: its name and owner */
  accounts: Map<string, { name: string; owner_id: string | null; owner_name: string | null }>;
  /** evidence id → a readable line (what it is, when, its subject or name) */
  evidence: Map<string, string>;
  /** run id + entity → the score that run recorded for the draft's entity */
  scores: Map<string, { kind: string; value: number; tier: string | null }>;
}

export const scoreKey = (runId: string, kind: string, id: string) => `${runId}:${kind}:${id}`;

/**
 * Reads, in the caller's tenant transaction, the recipients, accounts (with owners), evidence
 * and triggering scores of a page of drafts (as GET /v1/approvals answered them).
 */
export async function draftContext(
  tx: postgres.TransactionSql,
  drafts: readonly {
    contact_id: string | null;
    lead_id: string | null;
    account_id: string | null;
    evidence_ids: string[];
    run_id: string | null;
    entity_kind: string;
    entity_id: string;
  }[],
): Promise<DraftContext> {
  const ids = (pick: (d: (typeof drafts)[number]) => string | null) => [
    ...new Set(drafts.map(pick).filter((v): v is string => !!v)),
  ];
  const refs = [...new Set(drafts.flatMap((d) => d.evidence_ids))];
  const uuidOf = (kind: string) =>
    refs.filter((r) => r.startsWith(`${kind}:`)).map((r) => r.slice(kind.length + 1));
  const people = await tx<{ id: string; name: string; email: string | null }[]>`
    SELECT id, concat_ws(' ', first_name, last_name) AS name, email FROM contacts WHERE id = ANY(${ids((d) => d.contact_id)}::uuid[])
    UNION ALL
    SELECT id, concat_ws(' ', first_name, last_name) AS name, email FROM leads WHERE id = ANY(${ids((d) => d.lead_id)}::uuid[])`;
  const accounts = await tx<
    { id: string; name: string; owner_id: string | null; owner_name: string | null }[]
  >`
    SELECT a.id, a.name, a.owner_id, u.name AS owner_name
    FROM accounts a LEFT JOIN users u ON u.id = a.owner_id
    WHERE a.id = ANY(${ids((d) => d.account_id)}::uuid[])`;
  const evidence = await tx<{ ref: string; line: string }[]>`
    SELECT 'activity:' || id AS ref,
           concat_ws(' · ', kind, direction, to_char(occurred_at, 'YYYY-MM-DD'), coalesce(subject, left(body, 120))) AS line
    FROM activities WHERE id = ANY(${uuidOf("activity")}::uuid[])
    UNION ALL SELECT 'ticket:' || id, concat_ws(' · ', 'ticket', status, priority, subject)
    FROM tickets WHERE id = ANY(${uuidOf("ticket")}::uuid[])
    UNION ALL SELECT 'deal:' || id, concat_ws(' · ', 'deal', name, stage, amount::text || ' ' || currency, next_step)
    FROM deals WHERE id = ANY(${uuidOf("deal")}::uuid[])
    UNION ALL SELECT 'contact:' || id, concat_ws(' · ', 'contact', concat_ws(' ', first_name, last_name), title, email)
    FROM contacts WHERE id = ANY(${uuidOf("contact")}::uuid[])
    UNION ALL SELECT 'lead:' || id, concat_ws(' · ', 'lead', concat_ws(' ', first_name, last_name), company, status)
    FROM leads WHERE id = ANY(${uuidOf("lead")}::uuid[])
    UNION ALL SELECT 'account:' || id, concat_ws(' · ', 'account', name, segment, plan)
    FROM accounts WHERE id = ANY(${uuidOf("account")}::uuid[])
    UNION ALL SELECT 'kb_article:' || id, concat_ws(' · ', 'kb article', title)
    FROM kb_articles WHERE id = ANY(${uuidOf("kb_article")}::uuid[])`;
  const runs = ids((d) => d.run_id);
  const scores = await tx<
    {
      run_id: string;
      entity_kind: string;
      entity_id: string;
      kind: string;
      value: string;
      tier: string | null;
    }[]
  >`
    SELECT DISTINCT ON (run_id, entity_kind, entity_id) run_id, entity_kind, entity_id, kind, value::text, tier
    FROM scores WHERE run_id = ANY(${runs}::uuid[])
    ORDER BY run_id, entity_kind, entity_id, created_at DESC`;
  return {
    recipients: new Map(people.map((p) => [p.id, { name: p.name, email: p.email }])),
    accounts: new Map(accounts.map((a) => [a.id, a])),
    evidence: new Map(evidence.map((e) => [e.ref, e.line])),
    scores: new Map(
      scores.map((s) => [
        scoreKey(s.run_id, s.entity_kind, s.entity_id),
        { kind: s.kind, value: Number(s.value), tier: s.tier },
      ]),
    ),
  };
}
