/** The entities a segment can select. */
export const SEGMENT_ENTITIES = ["accounts", "leads", "deals", "tickets", "contacts"] as const;
export type SegmentEntity = (typeof SEGMENT_ENTITIES)[number];

/** How a field's values are validated and compared. */
export type FieldType = "text" | "number" | "date" | "timestamp" | "boolean" | "uuid";

/**
 * The whitelist: the only columns a segment filter may name, per entity, with their types. A
 * column name reaches SQL only as an identifier taken from this table, never from input text.
 */
export const SEGMENT_FIELDS: Record<SegmentEntity, Record<string, FieldType>> = {
  accounts: {
    name: "text",
    domain: "text",
    industry: "text",
    country: "text",
    region: "text",
    segment: "text",
    plan: "text",
    lifecycle_stage: "text",
    owner_id: "uuid",
    employees: "number",
    annual_revenue: "number",
    seats_purchased: "number",
    mrr: "number",
    arr: "number",
    customer_since: "date",
    renewal_date: "date",
    created_at: "timestamp",
  },
  leads: {
    first_name: "text",
    last_name: "text",
    email: "text",
    company: "text",
    title: "text",
    country: "text",
    source: "text",
    status: "text",
    owner_id: "uuid",
    account_id: "uuid",
    employees: "number",
    do_not_contact: "boolean",
    opted_out_at: "timestamp",
    created_at: "timestamp",
  },
  deals: {
    name: "text",
    stage: "text",
    status: "text",
    currency: "text",
    owner_id: "uuid",
    account_id: "uuid",
    amount: "number",
    probability: "number",
    expected_close: "date",
    original_close: "date",
    next_step_due: "date",
    created_at: "timestamp",
    stage_entered_at: "timestamp",
    closed_at: "timestamp",
  },
  tickets: {
    subject: "text",
    channel: "text",
    language: "text",
    status: "text",
    priority: "text",
    queue: "text",
    category: "text",
    account_id: "uuid",
    contact_id: "uuid",
    assignee_id: "uuid",
    csat: "number",
    created_at: "timestamp",
    first_response_at: "timestamp",
    resolved_at: "timestamp",
  },
  contacts: {
    first_name: "text",
    last_name: "text",
    title: "text",
    role: "text",
    email: "text",
    account_id: "uuid",
    email_consent: "boolean",
    opted_out_at: "timestamp",
    created_at: "timestamp",
  },
};
