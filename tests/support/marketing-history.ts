import type { Sql } from "../../db/index.ts";
import { MKT_AS_OF } from "./marketing-book.ts";

const daysAgo = (d: number) => new Date(MKT_AS_OF.getTime() - d * 86_400_000);

/**
 * Adds a campaign history a response model can learn from: account Zeta (mid-market customer)
 * (web visits 130, 90, 70 and 30 days ago) with `n` contacts, champions and users in turn, each touched by an email (100 days ago) and a
 * webinar (60 days ago). Champions respond to three webinars in four and one email in three;
 * users to one webinar in five and no email. Returns the contact ids by role.
 */
export async function writeResponseHistory(sql: Sql, tenantId: string, n = 80) {
  const t = tenantId;
  const [zeta] = await sql<{ id: string }[]>`
    INSERT INTO accounts (tenant_id, name, segment, lifecycle_stage, mrr, plan)
    VALUES (${t}, 'Zeta Works', 'mid-market', 'customer', 4000, 'growth') RETURNING id`;
  const [email] = await sql<{ id: string }[]>`
    INSERT INTO campaigns (tenant_id, name, kind, status, started_at) VALUES (${t}, 'Email: tips', 'email', 'completed', ${daysAgo(100)}) RETURNING id`;
  const [webinar] = await sql<{ id: string }[]>`
    INSERT INTO campaigns (tenant_id, name, kind, status, started_at) VALUES (${t}, 'Webinar: live demo', 'webinar', 'completed', ${daysAgo(60)}) RETURNING id`;
  for (const d of [130, 90, 70, 30])
    await sql`INSERT INTO activities (tenant_id, account_id, kind, direction, occurred_at)
              VALUES (${t}, ${zeta!.id}, 'web_visit', 'inbound', ${daysAgo(d)})`;
  const champions: string[] = [];
  const users: string[] = [];
  for (let i = 0; i < n; i++) {
    const champion = i % 2 === 0;
    const [c] = await sql<{ id: string }[]>`
      INSERT INTO contacts (tenant_id, account_id, first_name, last_name, role, email)
      VALUES (${t}, ${zeta!.id}, ${`Z${i}`}, 'Doe', ${champion ? "champion" : "user"}, ${`z${i}@zeta.example`}) RETURNING id`;
    (champion ? champions : users).push(c!.id);
    const k = Math.floor(i / 2);
    const respondsEmail = champion && k % 3 === 0;
    const respondsWebinar = champion ? k % 4 !== 3 : k % 5 === 0;
    for (const [campaign, days, responds] of [
      [email!.id, 100, respondsEmail],
      [webinar!.id, 60, respondsWebinar],
    ] as const) {
      await sql`INSERT INTO campaign_members (tenant_id, campaign_id, contact_id, status, touched_at, responded_at)
                VALUES (${t}, ${campaign}, ${c!.id}, ${responds ? "responded" : "sent"}, ${daysAgo(days)},
                        ${responds ? daysAgo(days - 1) : null})`;
    }
  }
  return { accountId: zeta!.id, champions, users };
}
