import { FIRST_NAMES, LAST_NAMES, TERRITORIES, TERRITORY_TIME_ZONES } from "./names.ts";
import type { BookPlan } from "./options.ts";
import type { Rng } from "./random.ts";
import type { UserRow } from "./rows.ts";
import { addDays } from "./time.ts";

type Role = UserRow["role"];

/** Share of each role in the team; every role gets at least one person. */
const ROLE_SHARES: readonly [Role, number][] = [
  ["rep", 0.4],
  ["cs", 0.2],
  ["support", 0.2],
  ["manager", 0.08],
  ["marketing", 0.07],
  ["admin", 0.05],
];

/** Hours of task work per day the planner may assign, by role: [min, max]. */
const CAPACITY: Record<Role, [number, number]> = {
  rep: [5, 7],
  cs: [5, 6.5],
  support: [6, 7.5],
  manager: [2, 3.5],
  marketing: [4, 6],
  admin: [1, 2],
};

const SKILL_POOL: Record<Role, readonly string[]> = {
  rep: ["new_business", "expansion", "negotiation", "discovery", "renewals"],
  cs: ["onboarding", "renewals", "adoption", "escalations", "qbr"],
  support: ["technical", "billing", "account", "general", "integrations"],
  manager: ["coaching", "forecasting", "escalations"],
  marketing: ["campaigns", "content", "events", "lead_nurture"],
  admin: ["admin", "data_quality"],
};

const SEGMENT_SKILLS = ["smb", "mid-market", "enterprise"];
const LANGUAGE_BY_TERRITORY: Record<string, string> = { DACH: "de", "EMEA-South": "fr", LATAM: "es" };

/** Head count per role by largest remainder, at least one each. */
function roleCounts(n: number): [Role, number][] {
  const raw = ROLE_SHARES.map(([role, share]) => [role, Math.max(1, share * n)] as const);
  const counts = raw.map(([role, x]) => [role, Math.floor(x)] as [Role, number]);
  let left = n - counts.reduce((s, [, c]) => s + c, 0);
  const order = raw
    .map(([, x], i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]![1]++;
  return counts;
}

/**
 * The tenant's team: reps, customer success, support, managers, marketing and admins. Reps and CS
 * cover territories round-robin (so every territory has someone); support speaks the language of
 * its territory; about 3 % of people are inactive (left the company) and own nothing new.
 */
export function generateUsers(plan: BookPlan, rng: Rng, ids: Rng): UserRow[] {
  const users: UserRow[] = [];
  for (const [role, count] of roleCounts(plan.users)) {
    for (let k = 0; k < count; k++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const territory = TERRITORIES[k % TERRITORIES.length]!;
      const [lo, hi] = CAPACITY[role];
      const skills = rng.sample(SKILL_POOL[role], rng.int(1, 3));
      if (role === "rep") skills.unshift(SEGMENT_SKILLS[k % 3]!);
      const language = LANGUAGE_BY_TERRITORY[territory];
      if (role === "support" && language) skills.push(`language:${language}`);
      const territories =
        role === "manager"
          ? [territory, TERRITORIES[(k + 1) % TERRITORIES.length]!]
          : role === "rep" || role === "cs" || role === "support"
            ? [territory]
            : [];
      const n = users.length;
      users.push({
        id: ids.uuid(),
        tenant_id: plan.tenantId,
        external_id: `${plan.tag}-U${String(n + 1).padStart(5, "0")}`,
        name: `${first} ${last}`,
        email: `${ascii(first)}.${ascii(last)}${n + 1}@relay-customer.example`,
        role,
        capacity_hours_per_day: Math.round(rng.range(lo, hi) * 2) / 2,
        skills,
        territories,
        time_zone: TERRITORY_TIME_ZONES[territory]!,
        // the first person of each role stays active, so every role can be assigned work
        active: k === 0 || !rng.chance(0.03),
        created_at: addDays(plan.asOf, -rng.int(30, 1500)),
      });
    }
  }
  return users;
}

/** Lower-case ASCII for email local parts: "Müller" → "muller". */
export function ascii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
