/**
 * Row shapes of the generated book: keys are the column names, so a row goes to bulkInsert as is.
 * Timestamps are Dates, `date` columns `YYYY-MM-DD` strings, numeric columns numbers.
 * (Type aliases rather than interfaces: they are assignable to bulkInsert's `Row`.)
 */

export type UserRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  name: string;
  email: string;
  role: "rep" | "manager" | "cs" | "support" | "marketing" | "admin";
  capacity_hours_per_day: number;
  skills: string[];
  territories: string[];
  time_zone: string;
  active: boolean;
  created_at: Date;
};

export type AccountRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  name: string;
  domain: string;
  industry: string;
  employees: number;
  annual_revenue: number;
  country: string;
  region: string;
  segment: "smb" | "mid-market" | "enterprise";
  plan: string | null;
  seats_purchased: number | null;
  mrr: number | null;
  arr: number | null;
  lifecycle_stage: "prospect" | "onboarding" | "customer" | "churned";
  owner_id: string;
  customer_since: string | null;
  renewal_date: string | null;
  attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
};

export type ContactRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  title: string;
  role: "executive" | "decision_maker" | "champion" | "user" | "billing" | "technical" | "other";
  email: string;
  phone: string;
  email_consent: boolean;
  consent_updated_at: Date;
  consent_source: string;
  opted_out_at: Date | null;
  opt_out_source: string | null;
  attributes: Record<string, unknown>;
  created_at: Date;
};

export type LeadRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  account_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  company: string;
  title: string;
  employees: number;
  country: string;
  source: string;
  status: "new" | "working" | "nurturing" | "qualified" | "unqualified" | "converted";
  owner_id: string;
  do_not_contact: boolean;
  opted_out_at: Date | null;
  fields: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
};

export type DealRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  account_id: string;
  owner_id: string;
  name: string;
  stage: string;
  status: "open" | "won" | "lost";
  amount: number;
  currency: string;
  probability: number;
  expected_close: string;
  original_close: string;
  next_step: string | null;
  next_step_due: string | null;
  created_at: Date;
  stage_entered_at: Date;
  closed_at: Date | null;
  updated_at: Date;
};

export type DealStageRow = {
  tenant_id: string;
  deal_id: string;
  stage: string;
  entered_at: Date;
  exited_at: Date | null;
};

export type DealContactRow = { tenant_id: string; deal_id: string; contact_id: string; role: string };

export type ActivityKind =
  "email" | "call" | "meeting" | "web_visit" | "pricing_page_view" | "demo_request" | "form_fill" | "note";

export type ActivityRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  kind: ActivityKind;
  direction: "inbound" | "outbound" | null;
  subject: string | null;
  body: string | null;
  occurred_at: Date;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  deal_id: string | null;
  user_id: string | null;
  metadata: Record<string, unknown>;
};

export type TicketRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  account_id: string;
  contact_id: string | null;
  subject: string;
  body: string;
  channel: string;
  language: string;
  status: "open" | "pending" | "on_hold" | "resolved" | "closed";
  priority: "low" | "medium" | "high" | "critical";
  queue: string;
  category: string;
  assignee_id: string | null;
  created_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  sla_first_response_minutes: number;
  sla_resolution_minutes: number;
  csat: number | null;
  attributes: Record<string, unknown>;
  updated_at: Date;
};

export type UsageRow = {
  tenant_id: string;
  account_id: string;
  period_start: string;
  granularity: "month";
  active_users: number;
  seats_used: number;
  events: number;
  feature_usage: Record<string, number>;
};

export type CampaignRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  name: string;
  kind: string;
  channel: string;
  status: "draft" | "active" | "completed" | "cancelled";
  started_at: Date | null;
  ended_at: Date | null;
  budget: number;
  attributes: Record<string, unknown>;
  created_at: Date;
};

export type CampaignMemberRow = {
  id: string;
  tenant_id: string;
  campaign_id: string;
  contact_id: string | null;
  lead_id: string | null;
  status: "targeted" | "sent" | "opened" | "clicked" | "responded" | "unsubscribed" | "bounced";
  touched_at: Date;
  responded_at: Date | null;
};

export type KbArticleRow = {
  id: string;
  tenant_id: string;
  external_id: string;
  title: string;
  body: string;
  tags: string[];
  language: string;
  url: string;
  published_at: Date;
  updated_at: Date;
};

export type OutcomeRow = {
  id: string;
  tenant_id: string;
  entity_kind: "account" | "contact" | "lead" | "deal";
  entity_id: string;
  kind: "churned" | "renewed" | "converted" | "won" | "lost" | "responded";
  value: boolean;
  campaign_id: string | null;
  occurred_at: Date | null;
  known_at: Date;
  source: string;
};

/** Rows of a part of the book, per table. */
export type BookRows = {
  users: UserRow[];
  accounts: AccountRow[];
  contacts: ContactRow[];
  leads: LeadRow[];
  deals: DealRow[];
  deal_stage_history: DealStageRow[];
  deal_contacts: DealContactRow[];
  activities: ActivityRow[];
  tickets: TicketRow[];
  product_usage: UsageRow[];
  campaigns: CampaignRow[];
  campaign_members: CampaignMemberRow[];
  kb_articles: KbArticleRow[];
  outcomes: OutcomeRow[];
};

export type SeedTable = keyof BookRows;

/** Tables in the order they are written (parents before children, for the foreign keys). */
export const WRITE_ORDER: readonly SeedTable[] = [
  "users",
  "campaigns",
  "kb_articles",
  "accounts",
  "contacts",
  "leads",
  "deals",
  "deal_stage_history",
  "deal_contacts",
  "activities",
  "tickets",
  "product_usage",
  "campaign_members",
  "outcomes",
];

export function emptyBook(): BookRows {
  return Object.fromEntries(WRITE_ORDER.map((t) => [t, []])) as unknown as BookRows;
}
