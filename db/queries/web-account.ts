import type postgres from "postgres";

/** What hangs off an account for its page: open tasks, drafts, tickets and recent runs. */
export interface AccountWork {
  tasks: {
    id: string;
    title: string;
    reason: string;
    status: string;
    due_at: Date | null;
    assignee_name: string | null;
    priority_value: number;
  }[];
  drafts: {
    id: string;
    subject: string | null;
    status: string;
    channel: string;
    agent: string;
    run_id: string | null;
    created_at: Date;
  }[];
  tickets: {
    id: string;
    subject: string | null;
    status: string;
    priority: string | null;
    created_at: Date;
  }[];
  runs: { id: string; agent: string; status: string; trigger: string; created_at: Date }[];
}

/**
 * An account's open tasks (its own and its contacts', deals' and tickets'), its drafts, open
 * tickets and the runs that wrote about it, newest first; in the caller's tenant transaction.
 */
export async function accountWork(
  tx: postgres.TransactionSql,
  accountId: string,
  limit = 20,
): Promise<AccountWork> {
  const tasks = await tx<AccountWork["tasks"]>`
    SELECT t.id, t.title, t.reason, t.status, t.due_at, u.name AS assignee_name, t.priority_value::float8 AS priority_value
    FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
    WHERE t.status IN ('open', 'in_progress') AND (
      (t.entity_kind = 'account' AND t.entity_id = ${accountId})
      OR (t.entity_kind = 'deal' AND t.entity_id IN (SELECT id FROM deals WHERE account_id = ${accountId}))
      OR (t.entity_kind = 'ticket' AND t.entity_id IN (SELECT id FROM tickets WHERE account_id = ${accountId}))
      OR (t.entity_kind = 'contact' AND t.entity_id IN (SELECT id FROM contacts WHERE account_id = ${accountId})))
    ORDER BY t.due_at NULLS LAST, t.priority_value DESC LIMIT ${limit}`;
  const drafts = await tx<AccountWork["drafts"]>`
    SELECT id, subject, status, channel, agent, run_id, created_at FROM drafts
    WHERE account_id = ${accountId} ORDER BY created_at DESC, id LIMIT ${limit}`;
  const tickets = await tx<AccountWork["tickets"]>`
    SELECT id, subject, status, priority, created_at FROM tickets
    WHERE account_id = ${accountId} ORDER BY created_at DESC, id LIMIT ${limit}`;
  const runs = await tx<AccountWork["runs"]>`
    SELECT r.id, r.agent, r.status, r.trigger, r.created_at FROM agent_runs r
    WHERE r.target->>'id' = ${accountId}
       OR EXISTS (SELECT 1 FROM scores s WHERE s.run_id = r.id AND s.entity_kind = 'account' AND s.entity_id = ${accountId})
    ORDER BY r.created_at DESC, r.id LIMIT ${limit}`;
  return { tasks, drafts, tickets, runs };
}
