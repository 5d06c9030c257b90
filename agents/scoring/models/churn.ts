import type { FeatureSpecInput } from "../features/spec.ts";
import type { ModelDefinition } from "./definition.ts";

const categorical = (key: string, label: string): FeatureSpecInput => ({ kind: "categorical", key, label });

/**
 * Account churn: P(outcome `churned`). The features are the account's plan and MRR plus the
 * attributes the telco-churn import mapping (db/mappings/telco-churn.yaml) stores; a key an
 * account does not have is simply missing. The customer id is never a feature.
 */
export const CHURN_MODEL: ModelDefinition = {
  name: "churn",
  entity: "account",
  outcome: "churned",
  features: [
    categorical("plan", "contract"),
    { kind: "numeric", key: "mrr", label: "monthly charges" },
    // churn risk falls steeply over the first months, then flattens
    { kind: "numeric", key: "attributes.tenure_months", label: "tenure (months)", transform: "log1p" },
    // blank for brand-new accounts (tenure 0): imputed, and flagged
    {
      kind: "numeric",
      key: "attributes.total_charges",
      label: "total charges",
      transform: "log1p",
      missingIndicator: true,
    },
    { kind: "boolean", key: "attributes.senior_citizen", label: "senior citizen" },
    categorical("attributes.gender", "gender"),
    categorical("attributes.partner", "partner"),
    categorical("attributes.dependents", "dependents"),
    categorical("attributes.phone_service", "phone service"),
    categorical("attributes.multiple_lines", "multiple lines"),
    categorical("attributes.internet_service", "internet service"),
    categorical("attributes.online_security", "online security"),
    categorical("attributes.online_backup", "online backup"),
    categorical("attributes.device_protection", "device protection"),
    categorical("attributes.tech_support", "tech support"),
    categorical("attributes.streaming_tv", "streaming TV"),
    categorical("attributes.streaming_movies", "streaming movies"),
    categorical("attributes.paperless_billing", "paperless billing"),
    categorical("attributes.payment_method", "payment method"),
  ],
};
