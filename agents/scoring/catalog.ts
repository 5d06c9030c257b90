import type postgres from "postgres";
import { loadChurnRows } from "./data/accounts.ts";
import { loadChurnSignalRows } from "./data/account-signals.ts";
import { loadLeadRows } from "./data/leads.ts";
import { loadResponseRows } from "./data/campaign-responses.ts";
import type { LoadOptions, TrainingRow } from "./data/rows.ts";
import { CHURN_MODEL } from "./models/churn.ts";
import { CHURN_SIGNALS_MODEL } from "./models/churn-signals.ts";
import type { ModelDefinition } from "./models/definition.ts";
import { LEAD_MODEL } from "./models/lead.ts";
import { RESPONSE_PROPENSITY_MODEL } from "./models/response-propensity.ts";

/** A model a tenant can train (`crm train <name>`): its definition and where its rows come from. */
export interface ScoringModelEntry {
  definition: ModelDefinition;
  /** Labelled training rows of the tenant, read through withTenant. */
  loadRows(sql: postgres.Sql, tenantId: string, options?: LoadOptions): Promise<TrainingRow[]>;
  description: string;
}

/** Every trainable model, by the name it is stored and looked up under. */
export const SCORING_MODELS: Record<string, ScoringModelEntry> = {
  lead: {
    definition: LEAD_MODEL,
    loadRows: loadLeadRows,
    description: "lead conversion from the lead's pre-contact fields (X Education shaped)",
  },
  churn: {
    definition: CHURN_MODEL,
    loadRows: loadChurnRows,
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
