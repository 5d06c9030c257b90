import type postgres from "postgres";
import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { ToolInputError } from "../errors.ts";
import { likePattern, limit } from "../input.ts";
import { defineTool } from "../run.ts";

const ENTITIES = ["accounts", "leads", "deals", "tickets", "contacts"] as const;
type Entity = (typeof ENTITIES)[number];

/** The column each simple filter maps to, per entity (null: the entity has no such column). */
const FILTER_COLUMNS: Record<
  Entity,
  { status: string | null; account_id: string | null; owner_id: string | null }
> = {
  accounts: { status: "lifecycle_stage", account_id: "id", owner_id: "owner_id" },
  leads: { status: "status", account_id: "account_id", owner_id: "owner_id" },
  deals: { status: "status", account_id: "account_id", owner_id: "owner_id" },
  tickets: { status: "status", account_id: "account_id", owner_id: "assignee_id" },
  contacts: { status: null, account_id: "account_id", owner_id: null },
};

const input = z.object({
  entity: z.enum(ENTITIES).describe("Which kind of entity to search."),
  text: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("Case-insensitive text to find in names, emails, domains, subjects (substring match)."),
  status: z
    .string()
    .optional()
    .describe("Exact status (accounts: lifecycle stage; leads, deals, tickets: status). Not for contacts."),
  account_id: z.guid().optional().describe("Only entities of this account (uuid)."),
  owner_id: z
    .guid()
    .optional()
    .describe("Only entities owned by this user (tickets: assignee). Not for contacts."),
  limit: limit(20, 200, "results"),
});
type Input = z.infer<typeof input>;

/** One search hit: enough to pick an entity and call its read tool. */
export interface EntityHit {
  id: string;
  label: string;
  status: string | null;
  account_id: string | null;
}

/** Entity search by text and simple filters across accounts, leads, deals, tickets and contacts. */
export const searchEntities = defineTool({
  name: "search_entities",
  description:
    "Find accounts, leads, deals, tickets or contacts by text (substring of name, email, domain, company, " +
    "subject) and simple filters (status, account, owner). Returns ids and labels, newest first.",
  kind: "read",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const columns = FILTER_COLUMNS[args.entity];
      const filters = (["status", "account_id", "owner_id"] as const).map((name) => {
        const value = args[name];
        if (value === undefined) return tx``;
        const column = columns[name];
        if (!column) throw new ToolInputError(name, `${args.entity} cannot be filtered by ${name}`);
        return tx`AND ${tx(column)} = ${value}`;
      });
      const where = tx`${filters[0]!} ${filters[1]!} ${filters[2]!}`;
      return { entity: args.entity, hits: await query(tx, ctx.tenantId, args, where) };
    }),
});

function query(
  tx: postgres.TransactionSql,
  t: string,
  args: Input,
  where: postgres.PendingQuery<postgres.Row[]>,
) {
  const p = args.text === undefined ? null : likePattern(args.text);
  const match = (text: postgres.PendingQuery<postgres.Row[]>) =>
    p === null ? tx`` : tx`AND ${text} ILIKE ${p}`;
  switch (args.entity) {
    case "accounts":
      return tx<EntityHit[]>`
        SELECT id, name AS label, lifecycle_stage AS status, id AS account_id FROM accounts
        WHERE tenant_id = ${t} ${match(tx`concat_ws(' ', name, domain, industry)`)} ${where}
        ORDER BY created_at DESC, id LIMIT ${args.limit}`;
    case "leads":
      return tx<EntityHit[]>`
        SELECT id, concat_ws(' ', first_name, last_name, '·', company) AS label, status, account_id FROM leads
        WHERE tenant_id = ${t} ${match(tx`concat_ws(' ', first_name, last_name, email, company)`)} ${where}
        ORDER BY created_at DESC, id LIMIT ${args.limit}`;
    case "deals":
      return tx<EntityHit[]>`
        SELECT id, name AS label, status, account_id FROM deals
        WHERE tenant_id = ${t} ${match(tx`name`)} ${where}
        ORDER BY created_at DESC, id LIMIT ${args.limit}`;
    case "tickets":
      return tx<EntityHit[]>`
        SELECT id, coalesce(subject, left(body, 80)) AS label, status, account_id FROM tickets
        WHERE tenant_id = ${t} ${match(tx`concat_ws(' ', subject, body)`)} ${where}
        ORDER BY created_at DESC, id LIMIT ${args.limit}`;
    case "contacts":
      return tx<EntityHit[]>`
        SELECT id, concat_ws(' ', first_name, last_name) AS label, NULL AS status, account_id FROM contacts
        WHERE tenant_id = ${t} ${match(tx`concat_ws(' ', first_name, last_name, email, title)`)} ${where}
        ORDER BY created_at DESC, id LIMIT ${args.limit}`;
  }
}
