import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type postgres from "postgres";
import {
  saveModel,
  trainModel,
  type ModelArtifact,
  type ModelDefinition,
  type TrainingRow,
} from "../../agents/scoring/index.ts";

/** A small lead model over what test leads have: their source and company size. */
export const TEST_LEAD_MODEL: ModelDefinition = {
  name: "lead-conversion",
  entity: "lead",
  outcome: "converted",
  features: [
    { kind: "categorical", key: "source", label: "lead source", minCount: 5 },
    { kind: "numeric", key: "employees", label: "employees", transform: "log1p" },
  ],
};

const SOURCES = ["website", "referral", "event"] as const;
const EFFECT = { website: 0.3, referral: 1.2, event: -0.8 };

/** A lead model trained on `n` seeded synthetic leads (referrals and big companies convert more). */
export function trainTestLeadModel(n: number, seed = 11): ModelArtifact {
  const rng = xoroshiro128plus(seed);
  const u = () => uniformFloat64(rng);
  const rows: TrainingRow[] = Array.from({ length: n }, (_, i) => {
    const source = SOURCES[Math.floor(u() * SOURCES.length)]!;
    const employees = Math.round(5 * Math.pow(2000, u()));
    const z = EFFECT[source] + 0.4 * (Math.log1p(employees) - 4);
    return {
      id: `l-${i}`,
      key: `k-${String(i).padStart(5, "0")}`,
      record: { source, employees },
      label: u() < 1 / (1 + Math.exp(-z)),
      knownAt: new Date("2026-06-01T00:00:00Z"),
    };
  });
  return trainModel(TEST_LEAD_MODEL, rows).artifact;
}

/** Stores `artifact` as the tenant's active `lead` model. */
export async function saveTestLeadModel(
  sql: postgres.Sql,
  tenantId: string,
  artifact: ModelArtifact,
): Promise<void> {
  const t = artifact.training;
  await saveModel(sql, tenantId, "lead", artifact, {
    cvAuc: t.cvAuc,
    cvAucSd: t.cvAucSd,
    rows: t.rows,
    positives: t.positives,
  });
}
