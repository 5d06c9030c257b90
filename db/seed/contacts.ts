import type { AccountState, BlockContext } from "./context.ts";
import type { Segment } from "./model.ts";
import { CONSENT_SOURCES, FIRST_NAMES, LAST_NAMES, OPT_OUT_SOURCES, TITLES } from "./names.ts";
import type { ContactRow } from "./rows.ts";
import { DAY_MS } from "./time.ts";
import { ascii } from "./users.ts";

type Role = ContactRow["role"];

/** Contacts per account: a minimum plus a Poisson extra (averages 2 / 4 / 7). */
const CONTACTS: Record<Segment, [number, number]> = { smb: [1, 1], "mid-market": [2, 2], enterprise: [3, 4] };
const OTHER_ROLES: readonly Role[] = [
  "user",
  "technical",
  "billing",
  "other",
  "decision_maker",
  "executive",
  "champion",
];
const OTHER_WEIGHTS = [40, 20, 10, 10, 10, 5, 5];
const SENIORITY: Record<Role, string> = {
  executive: "c_level",
  decision_maker: "vp",
  champion: "manager",
  user: "individual",
  billing: "individual",
  technical: "individual",
  other: "individual",
};

/** Share of contacts who withdrew email consent. */
export const OPT_OUT_SHARE = 0.06;

/**
 * The people at an account. The first is the decision maker (an executive at small companies),
 * the second a champion; the rest are users, technical and billing contacts. About 6 % opted out
 * of email, with the time and the channel of the withdrawal.
 */
export function generateContacts(ctx: BlockContext, a: AccountState): void {
  const { rng, ids, plan } = ctx;
  const [min, extra] = CONTACTS[a.segment];
  const n = min + rng.poisson(extra);
  const created = a.row.created_at.getTime();
  const span = Math.max(DAY_MS, a.end.getTime() - created);
  for (let k = 0; k < n; k++) {
    const role: Role =
      k === 0
        ? a.segment === "smb"
          ? "executive"
          : "decision_maker"
        : k === 1
          ? "champion"
          : rng.weighted(OTHER_ROLES, OTHER_WEIGHTS);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const createdAt = new Date(created + rng.float() * 0.4 * span);
    const optedOut = rng.chance(OPT_OUT_SHARE);
    const optedOutAt = optedOut
      ? new Date(createdAt.getTime() + rng.float() * (plan.asOf.getTime() - createdAt.getTime()))
      : null;
    const contact: ContactRow = {
      id: ids.uuid(),
      tenant_id: plan.tenantId,
      external_id: `${a.row.external_id}-C${k + 1}`,
      account_id: a.row.id,
      first_name: first,
      last_name: last,
      title: rng.pick(TITLES[role]!),
      role,
      email: `${ascii(first)}.${ascii(last)}@${a.row.domain}`,
      phone: `${a.country.dial} ${rng.int(200, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`,
      email_consent: !optedOut,
      consent_updated_at: optedOutAt ?? createdAt,
      consent_source: rng.pick(CONSENT_SOURCES),
      opted_out_at: optedOutAt,
      opt_out_source: optedOut ? rng.pick(OPT_OUT_SOURCES) : null,
      attributes: { seniority: SENIORITY[role] },
      created_at: createdAt,
    };
    a.contacts.push(contact);
    ctx.out.contacts.push(contact);
  }
}

/** Whether an email to this contact at time `t` is allowed (consent not withdrawn by then). */
export function emailable(c: ContactRow, t: Date): boolean {
  return c.opted_out_at === null || c.opted_out_at > t;
}
