import YAML from "yaml";
import { z } from "zod";
import { featureSpecSchema, type FeatureSpecInput } from "./spec.ts";

/** A feature spec file that does not validate; `field` is the path of the first bad field. */
export class FeatureSpecError extends Error {
  readonly code = "FEATURE_SPEC";
  constructor(
    readonly origin: string,
    readonly issues: string[],
    readonly field?: string,
  ) {
    super(`${origin}: ${issues.join("; ")}`);
  }
}

/**
 * `crm train <kind> --features spec.yaml`:
 *
 * ```yaml
 * maxMissingShare: 0.5          # optional: refuse to activate above this share of missing features
 * features:
 *   - { key: attributes.tenure_months, kind: numeric, transform: log1p, label: tenure }
 *   - { key: plan, kind: categorical, minCount: 10 }
 *   - { key: attributes.customer_since, kind: numeric, transform: age_days }
 * ```
 */
export const featureSpecFileSchema = z.strictObject({
  description: z.string().optional(),
  maxMissingShare: z.number().min(0).max(1).optional(),
  features: z.array(featureSpecSchema).min(1),
});

export interface FeatureSpecFile {
  features: FeatureSpecInput[];
  maxMissingShare?: number;
}

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, part) =>
      typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
    "",
  );

/** Parses and validates a spec file's text (YAML or JSON); every issue names its field. */
export function parseFeatureSpecFile(text: string, origin: string): FeatureSpecFile {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (err) {
    throw new FeatureSpecError(origin, [`not valid YAML: ${(err as Error).message}`]);
  }
  const result = featureSpecFileSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${pathOf(i.path) || "(top level)"}: ${i.message}`);
    throw new FeatureSpecError(origin, issues, pathOf(result.error.issues[0]!.path) || undefined);
  }
  const seen = new Set<string>();
  result.data.features.forEach((f, i) => {
    if (seen.has(f.key))
      throw new FeatureSpecError(
        origin,
        [`features[${i}].key: "${f.key}" is declared twice`],
        `features[${i}].key`,
      );
    seen.add(f.key);
  });
  const out: FeatureSpecFile = { features: result.data.features };
  if (result.data.maxMissingShare !== undefined) out.maxMissingShare = result.data.maxMissingShare;
  return out;
}
