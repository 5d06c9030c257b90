import { readFile } from "node:fs/promises";
import { InvalidArgumentError, type Command } from "commander";
import { getTenant } from "../../../db/index.ts";
import {
  MAX_MISSING_SHARE,
  SCORING_MODELS,
  parseFeatureSpecFile,
  saveModel,
  trainKind,
  type FeatureSpecFile,
} from "../../../agents/scoring/index.ts";
import { CliError } from "../errors.ts";
import { withStore } from "../context.ts";
import { parseSlug } from "../options.ts";

interface TrainOpts {
  tenant: string;
  asOf?: Date;
  minAuc: number;
  features?: string;
  maxMissing?: number;
  holdout: number;
  seed: number;
  json?: boolean;
}

const LEARNER = "logistic-l2-platt";

export function registerTrain(program: Command): void {
  program
    .command("train")
    .description(
      `Train a scoring model on a tenant's recorded outcomes: ${Object.keys(SCORING_MODELS).join(", ")}`,
    )
    .argument("<model>", "model name", parseModel)
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--as-of <date>", "only outcomes known by this date (ISO 8601)", parseDate)
    .option("--min-auc <auc>", "activate only if cross-validated AUC reaches this", parseShare, 0.6)
    .option("--features <file>", "feature spec (YAML); default: derived from the tenant's import mappings")
    .option(
      "--max-missing <share>",
      `refuse above this share of missing features (default ${MAX_MISSING_SHARE})`,
      parseShare,
    )
    .option(
      "--holdout <share>",
      "hold out this share (stratified) and report test metrics on it",
      parseShare,
      0,
    )
    .option("--seed <n>", "seed of the split and the CV folds", parseSeed, 42)
    .option("--json", "print one JSON line with the figures instead of text")
    .action((name: string, opts: TrainOpts) =>
      withStore(async ({ store, out }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const file = opts.features ? await readSpecFile(opts.features) : undefined;
        let trained;
        try {
          trained = await trainKind(store.sql, tenant.id, name, {
            ...(opts.asOf ? { asOf: opts.asOf } : {}),
            ...(file && opts.features ? { file: { features: file.features, origin: opts.features } } : {}),
            maxMissingShare: opts.maxMissing ?? file?.maxMissingShare ?? MAX_MISSING_SHARE,
            holdout: opts.holdout,
            seed: opts.seed,
          });
        } catch (err) {
          if (typeof (err as { code?: unknown }).code === "string") throw err;
          throw new CliError(
            "TRAINING_DATA",
            `cannot train ${name} for ${opts.tenant}: ${(err as Error).message}`,
          );
        }
        const { rows, plan, artifact, split, test } = trained;
        const say = (line: string) => (opts.json ? undefined : out.log(line));
        const positives = rows.filter((r) => r.label).length;
        say(`${name}: ${rows.length} labelled rows of tenant ${opts.tenant} (${positives} positive)`);
        say(`features (${plan.source}): ${plan.used.length} used: ${plan.used.map((f) => f.key).join(", ")}`);
        if (plan.missing.length > 0)
          say(`requested but missing (no row has a value): ${plan.missing.join(", ")}`);
        for (const r of plan.refused) say(`refused ${r.key}: ${r.reason}`);
        const cv = `${artifact.training.cvAuc.toFixed(3)} ± ${artifact.training.cvAucSd.toFixed(3)}`;
        say(
          `split: ${split.train} train / ${split.test} held out (seed ${opts.seed}); CV: ${artifact.params.folds}-fold on the train part`,
        );
        say(`cross-validated AUC ${cv}, L2 ${artifact.params.l2}`);
        if (test) say(`held-out test: ROC AUC ${test.rocAuc.toFixed(3)}, Brier ${test.brier.toFixed(3)}`);
        if (opts.json) {
          out.log(
            JSON.stringify({
              kind: name,
              tenant: opts.tenant,
              rows: rows.length,
              train_rows: split.train,
              test_rows: split.test,
              features_source: plan.source,
              features_used: plan.used.map((f) => f.key),
              features_missing: plan.missing,
              features_refused: plan.refused,
              test_roc_auc: test?.rocAuc ?? null,
              cv_roc_auc: artifact.training.cvAuc,
              cv_roc_auc_sd: artifact.training.cvAucSd,
              brier: test?.brier ?? null,
              learner: LEARNER,
              version: artifact.version,
            }),
          );
        }
        if (artifact.training.cvAuc < opts.minAuc) {
          // a model no better than chance must not replace the rules the agents fall back to
          throw new CliError(
            "TRAINING_DATA",
            `${name} for ${opts.tenant}: cross-validated AUC ${cv} is below --min-auc ${opts.minAuc}; ` +
              `not activated (agents keep their current model or their rules)`,
          );
        }
        const version = await saveModel(store.sql, tenant.id, name, artifact, {
          cvAuc: artifact.training.cvAuc,
          cvAucSd: artifact.training.cvAucSd,
          rows: artifact.training.rows,
          positives: artifact.training.positives,
          featuresSource: plan.source,
          featuresUsed: plan.used.map((f) => f.key),
          featuresMissing: plan.missing,
          ...(test ? { testRocAuc: test.rocAuc, testBrier: test.brier, testRows: split.test } : {}),
        });
        say(`trained ${version}; now the active ${name} model of ${opts.tenant}`);
      }),
    );
}

async function readSpecFile(path: string): Promise<FeatureSpecFile> {
  const text = await readFile(path, "utf8").catch((err: Error) => {
    throw new CliError("FEATURE_SPEC", `${path}: cannot read the file: ${err.message}`);
  });
  return parseFeatureSpecFile(text, path);
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

function parseShare(value: string): number {
  const x = Number(value);
  if (!(x >= 0 && x <= 1))
    throw new InvalidArgumentError(`expected a number between 0 and 1, got "${value}"`);
  return x;
}

function parseSeed(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x)) throw new InvalidArgumentError(`expected an integer seed, got "${value}"`);
  return x;
}
