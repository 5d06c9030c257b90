import type postgres from "postgres";
import {
  CHURN_MODEL,
  LEAD_MODEL,
  LEAD_MODEL_WITH_LAST_ACTIVITY,
  loadChurnRows,
  loadLeadRows,
  type ModelDefinition,
  type TrainingRow,
} from "../../agents/scoring/index.ts";

/** A published or reproduced reference number from the dataset's README. */
export interface Baseline {
  /** ROC AUC. */
  auc: number;
  /** Where it comes from, briefly. */
  source: string;
}

/** One model evaluated on one dataset. */
export interface EvalCase {
  /** The case's name in metric names (`scoring.<id>.roc_auc`). */
  id: string;
  definition: ModelDefinition;
  /** What the feature set is, in a few words. */
  featureSet: string;
  /** The target for test ROC AUC. */
  targetAuc: number;
  baselines: Baseline[];
}

/** A shared dataset, how it gets into the store, and the models evaluated on it. */
export interface EvalDataset {
  name: string;
  /** The CSV, relative to the shared datasets folder. */
  file: string;
  /** The import mapping, relative to the repository root. */
  mapping: string;
  tenant: string;
  load: (sql: postgres.Sql, tenantId: string) => Promise<TrainingRow[]>;
  cases: EvalCase[];
}

// Numbers from ../shared/datasets/<name>/README.md ("Baselines").
export const EVAL_DATASETS: EvalDataset[] = [
  {
    name: "telco-churn",
    file: "telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv",
    mapping: "db/mappings/telco-churn.yaml",
    tenant: "eval-telco",
    load: loadChurnRows,
    cases: [
      {
        id: "churn",
        definition: CHURN_MODEL,
        featureSet: "all columns but the id",
        targetAuc: 0.85,
        baselines: [
          { auc: 0.845, source: "README: sklearn LR, 5-fold CV (± 0.013)" },
          { auc: 0.834, source: "README: sklearn hist gradient boosting, 5-fold CV" },
          { auc: 0.85, source: "published best (honest CV, LR ≈ GBM): 0.83–0.85" },
        ],
      },
    ],
  },
  {
    name: "leads-x-education",
    file: "leads-x-education/Leads.csv",
    mapping: "db/mappings/leads-x-education.yaml",
    tenant: "eval-leads",
    load: loadLeadRows,
    cases: [
      {
        id: "lead",
        definition: LEAD_MODEL,
        featureSet: "pre-contact only (no post-contact columns, no last_activity)",
        targetAuc: 0.9,
        baselines: [
          { auc: 0.865, source: "README: sklearn LR, same columns, 5-fold CV" },
          { auc: 0.874, source: "README: sklearn hist gradient boosting, same columns" },
          { auc: 0.88, source: "published LR (UpGrad case study, ArnabSaha1)" },
        ],
      },
      {
        id: "lead_last_activity",
        definition: LEAD_MODEL_WITH_LAST_ACTIVITY,
        featureSet: "pre-contact + last_activity (partly post-contact)",
        targetAuc: 0.9,
        baselines: [{ auc: 0.88, source: "published LR (UpGrad case study, ArnabSaha1)" }],
      },
    ],
  },
];
