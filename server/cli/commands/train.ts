import { InvalidArgumentError, type Command } from "commander";
import { getTenant } from "../../../db/index.ts";
import { SCORING_MODELS, saveModel, trainModel } from "../../../agents/scoring/index.ts";
import { withStore } from "../context.ts";
import { parseSlug } from "../options.ts";

/** Raised when a tenant's history cannot train a model; the message says what is missing. */
class TrainingDataError extends Error {
  readonly code = "TRAINING_DATA";
}

export function registerTrain(program: Command): void {
  program
    .command("train")
    .description(
      `Train a scoring model on a tenant's recorded outcomes: ${Object.keys(SCORING_MODELS).join(", ")}`,
    )
    .argument("<model>", "model name", parseModel)
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--as-of <date>", "only outcomes known by this date (ISO 8601)", parseDate)
    .option("--min-auc <auc>", "activate only if cross-validated AUC reaches this", parseAuc, 0.6)
    .action((name: string, opts: { tenant: string; asOf?: Date; minAuc: number }) =>
      withStore(async ({ store, out }) => {
        const entry = SCORING_MODELS[name]!;
        const tenant = await getTenant(store.sql, opts.tenant);
        const rows = await entry.loadRows(store.sql, tenant.id, opts.asOf ? { asOf: opts.asOf } : {});
        const positives = rows.filter((r) => r.label).length;
        out.log(`${name}: ${rows.length} labelled rows of tenant ${opts.tenant} (${positives} positive)`);
        let trained;
        try {
          trained = trainModel(entry.definition, rows, opts.asOf ? { asOf: opts.asOf } : {});
        } catch (err) {
          throw new TrainingDataError(`cannot train ${name} for ${opts.tenant}: ${(err as Error).message}`);
        }
        const { artifact } = trained;
        const cv = `${artifact.training.cvAuc.toFixed(3)} ± ${artifact.training.cvAucSd.toFixed(3)}`;
        if (artifact.training.cvAuc < opts.minAuc) {
          // a model no better than chance must not replace the rules the agents fall back to
          throw new TrainingDataError(
            `${name} for ${opts.tenant}: cross-validated AUC ${cv} is below --min-auc ${opts.minAuc}; ` +
              `not activated (agents keep their current model or their rules)`,
          );
        }
        const version = await saveModel(store.sql, tenant.id, name, artifact, {
          cvAuc: artifact.training.cvAuc,
          cvAucSd: artifact.training.cvAucSd,
          rows: artifact.training.rows,
          positives: artifact.training.positives,
        });
        out.log(
          `trained ${version}: cross-validated AUC ${cv}, ` +
            `L2 ${artifact.params.l2}; now the active ${name} model of ${opts.tenant}`,
        );
      }),
    );
}

function parseModel(value: string): string {
  if (!Object.hasOwn(SCORING_MODELS, value)) {
    throw new InvalidArgumentError(
      `unknown model "${value}"; known: ${Object.keys(SCORING_MODELS).join(", ")}`,
    );
  }
  return value;
}

function parseDate(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError(`expected an ISO 8601 date, got "${value}"`);
  return d;
}

function parseAuc(value: string): number {
  const x = Number(value);
  if (!(x >= 0 && x <= 1)) throw new InvalidArgumentError(`expected an AUC between 0 and 1, got "${value}"`);
  return x;
}
