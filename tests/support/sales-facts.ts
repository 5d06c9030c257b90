import type {
  ActivityFact,
  DealContactFact,
  DealFacts,
  DealNorms,
  LeadFacts,
} from "../../agents/sales/index.ts";

/** The instant pure sales tests score as of. */
export const AS_OF = new Date("2026-11-01T12:00:00Z");

let n = 0;
/** A fresh uuid-shaped id (deterministic within a test file). */
export const uid = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

/** An activity `hoursAgo` before AS_OF. */
export function act(kind: string, hoursAgo: number, direction: string | null = "inbound"): ActivityFact {
  return {
    id: uid(),
    kind,
    direction,
    subject: kind.replaceAll("_", " "),
    occurred_at: new Date(AS_OF.getTime() - hoursAgo * 3_600_000).toISOString(),
  };
}

/** A lead with no activity, 10 employees and consent, overridden by `over`. */
export function lead(over: Partial<LeadFacts> = {}): LeadFacts {
  return {
    id: uid(),
    first_name: "Hanna",
    last_name: "Lead",
    email: "hanna@lead.example",
    company: "Hanna Corp",
    title: "Head of Ops",
    employees: 10,
    account_employees: null,
    country: null,
    source: "website",
    status: "working",
    owner_id: null,
    owner_name: "Rita Rep",
    account_id: null,
    do_not_contact: false,
    opted_out_at: null,
    fields: {},
    activities: [],
    recent_drafts: [],
    ...over,
  };
}

/** A contact on a deal who may be emailed. */
export function contact(over: Partial<DealContactFact> = {}): DealContactFact {
  return {
    id: uid(),
    first_name: "Carla",
    last_name: "Doe",
    email: "carla@example.com",
    title: null,
    role: "champion",
    deal_role: "champion",
    email_consent: true,
    opted_out_at: null,
    ...over,
  };
}

/** A healthy open deal in proposal (2 days in stage, two people, a next step, on time). */
export function deal(over: Partial<DealFacts> = {}): DealFacts {
  return {
    id: uid(),
    name: "Acme platform",
    account_id: uid(),
    account_name: "Acme Corp",
    owner_id: "owner-rita",
    owner_name: "Rita Rep",
    stage: "proposal",
    amount: 100_000,
    currency: "USD",
    probability: 0.5,
    expected_close: "2026-12-15",
    original_close: "2026-12-15",
    next_step: "Send revised quote",
    next_step_due: "2026-11-05",
    stage_entered_at: new Date(AS_OF.getTime() - 2 * 86_400_000).toISOString(),
    contacts: [contact(), contact({ first_name: "Otto", deal_role: "economic_buyer" })],
    activities: [],
    recent_drafts: [],
    ...over,
  };
}

/** Norms: proposal stays median 8 / p75 10 over 30 stays; 30 closed deals reached proposal, 18 won. */
export const NORMS: DealNorms = {
  durations: [
    { stage: "proposal", samples: 30, median_days: 8, p75_days: 10 },
    { stage: "demo", samples: 3, median_days: 5, p75_days: 6 },
  ],
  outcomes: [
    { stage: "proposal", won: 18, lost: 12 },
    { stage: "demo", won: 2, lost: 3 },
  ],
  won: { count: 18, mean_amount: 12_000 },
};
