import type { TicketLabel } from "../../agents/support/classifier/index.ts";

/** A published or reproduced reference number, from the dataset's README. */
export interface Baseline {
  accuracy: number;
  macroF1?: number;
  /** Where it comes from, briefly. */
  source: string;
}

/** One classifier evaluated: which label, which rows train and which test. */
export interface TriageCase {
  name: string;
  label: TicketLabel;
  /** The official split as imported (attributes.split), or a seeded stratified 80/20 split. */
  split: { kind: "official"; train: string; test: string } | { kind: "stratified"; testFraction: number };
  /** The target for test accuracy, if it sets one. */
  targetAccuracy?: number;
  baselines: Baseline[];
}

/** A shared dataset: its CSV files with their import mappings, and the cases evaluated on it. */
export interface TriageDataset {
  name: string;
  tenant: string;
  /** CSV (relative to the shared datasets folder) → mapping (relative to the repository root). */
  imports: { file: string; mapping: string }[];
  cases: TriageCase[];
}

const MLT_SOURCE = "README: TF-IDF + LR, 5-fold CV on all 2,000 rows";

// Numbers from ../shared/datasets/{banking77,support-tickets}/README.md and this repo's README.
export const TRIAGE_DATASETS: TriageDataset[] = [
  {
    name: "banking77",
    tenant: "eval-banking77",
    imports: [
      { file: "banking77/train.csv", mapping: "db/mappings/banking77-train.yaml" },
      { file: "banking77/test.csv", mapping: "db/mappings/banking77-test.yaml" },
    ],
    cases: [
      {
        name: "banking77-intent",
        label: "category",
        split: { kind: "official", train: "train", test: "test" },
        targetAccuracy: 0.9,
        baselines: [
          { accuracy: 0.935, source: "dual sentence encoders, Casanueva et al. 2020 (≈ 0.93–0.94)" },
          { accuracy: 0.931, source: "bge-small embeddings + linear SVM (public model card)" },
          { accuracy: 0.823, source: "this repo: hashing embedder, 10-NN (bench/banking77-embedder.ts)" },
        ],
      },
    ],
  },
  {
    name: "multilingual-tickets",
    tenant: "eval-mlt",
    imports: [
      {
        file: "support-tickets/multilingual-tickets-v4-first2000.csv",
        mapping: "db/mappings/multilingual-tickets.yaml",
      },
    ],
    cases: [
      {
        name: "ticket-queue",
        label: "queue",
        split: { kind: "stratified", testFraction: 0.2 },
        baselines: [{ accuracy: 0.363, macroF1: 0.156, source: MLT_SOURCE }],
      },
      {
        name: "ticket-priority",
        label: "priority",
        split: { kind: "stratified", testFraction: 0.2 },
        baselines: [{ accuracy: 0.464, macroF1: 0.359, source: MLT_SOURCE }],
      },
      {
        name: "ticket-type",
        label: "category",
        split: { kind: "stratified", testFraction: 0.2 },
        baselines: [{ accuracy: 0.745, macroF1: 0.638, source: MLT_SOURCE }],
      },
    ],
  },
];
