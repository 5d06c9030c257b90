import type postgres from "postgres";
import { loadChurnRows } from "./data/accounts.ts";
import { loadChurnSignalRows } from "./data/account-signals.ts";
import { loadLeadRows } from "./data/leads.ts";
import { loadResponseRows } from "./data/campaign-responses.ts";
import type { LoadOptions, TrainingRow } from "./data/rows.ts";
import { CHURN_MODEL } from "./models/churn.ts";
import { CHURN_SIGNALS_MODEL } from "./models/churn-signals.ts";
import type { ModelDefinition } from "./models/definition.ts";
import type { KindColumns } from "./features/derive.ts";
import { LEAD_MODEL } from "./models/lead.ts";
import { RESPONSE_PROPENSITY_MODEL } from "./models/response-propensity.ts";

/** A model a tenant can train (`crm train <name>`): its definition and where its rows come from. */
export interface ScoringModelEntry {
  definition: ModelDefinition;
  /** Labelled training rows of the tenant, read through withTenant. */
  loadRows(sql: postgres.Sql, tenantId: string, options?: LoadOptions): Promise<TrainingRow[]>;
  description: string;
  /**
   * The entity table whose import declarations give this kind its default feature spec
   * (features/derive.ts). Kinds without it train on their built-in spec (or a --features file).
   */
  columns?: KindColumns;
}

const ACCOUNT_COLUMNS: KindColumns = {
  table: "accounts",
  bag: "attributes",
  columns: [
    "plan",
    "segment",
    "industry",
    "country",
    "region",
    "employees",
    "annual_revenue",
    "seats_purchased",
    "mrr",
    "arr",
  ],
  withheld: {
    lifecycle_stage: "turns into 'churned' when an account churns: it carries the label",
    name: "a name: unique per account, it carries no pattern",
  },
};

const LEAD_COLUMNS: KindColumns = {
  table: "leads",
  bag: "fields",
  columns: ["source", "country", "title", "employees"],
  withheld: {
    status: "turns into 'converted' / 'qualified' as the lead progresses: it carries the label",
    email: "contact details: unique per lead, they carry no pattern",
    name: "a name: unique per lead, it carries no pattern",
  },
};

/** Every trainable model, by the name it is stored and looked up under. */
export const SCORING_MODELS: Record<string, ScoringModelEntry> = {
  lead: {
    definition: LEAD_MODEL,
    loadRows: loadLeadRows,
    columns: LEAD_COLUMNS,
    description: "lead conversion from the lead's pre-contact fields (X Education shaped)",
  },
  churn: {
    definition: CHURN_MODEL,
    loadRows: loadChurnRows,
    columns: ACCOUNT_COLUMNS,
    description: "account churn from plan, charges and the telco attributes",
  },
  "response-propensity": {
    definition: RESPONSE_PROPENSITY_MODEL,
    loadRows: loadResponseRows,
    description: "a contact's campaign response by campaign kind, from recorded campaign touches",
  },
  "churn-signals": {
    definition: CHURN_SIGNALS_MODEL,
    loadRows: loadChurnSignalRows,
    description:
      "account churn from CRM signals (usage trend, seats, tickets, engagement, tenure, plan), cut 30 days before each outcome",
  },
};
