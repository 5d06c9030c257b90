import type { FeatureSpecInput } from "../features/spec.ts";

/** What a scoring model predicts and from which features. */
export interface ModelDefinition {
  /** Short name; the artifact's version starts with it ("churn", "lead-conversion"). */
  name: string;
  /** The entity scored (outcomes.entity_kind). */
  entity: "account" | "lead" | "contact";
  /** The recorded outcome predicted (outcomes.kind). */
  outcome: "churned" | "converted" | "responded";
  features: readonly FeatureSpecInput[];
}
