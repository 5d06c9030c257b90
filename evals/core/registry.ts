import { DRAFTS_SUITE } from "../suites/drafts/suite.ts";
import { PLANS_SUITE } from "../suites/plans/suite.ts";
import { SAFETY_SUITE } from "../suites/safety/suite.ts";
import { SCORING_SUITES } from "../suites/scoring.ts";
import { TRIAGE_SUITES } from "../suites/triage.ts";
import { UnknownSuiteError } from "./errors.ts";
import type { Suite } from "./types.ts";

/** Every eval suite, in the order they run. */
export const SUITES: readonly Suite[] = [
  ...SCORING_SUITES,
  ...TRIAGE_SUITES,
  DRAFTS_SUITE,
  SAFETY_SUITE,
  PLANS_SUITE,
];

/**
 * The suites named by `names`: a full name (`scoring.churn`) or a group (`scoring` = every
 * `scoring.*`). No names: every suite, or the fast ones with `fast`. An unknown name fails listing
 * the known ones.
 */
export function selectSuites(
  names: readonly string[],
  fast: boolean,
  all: readonly Suite[] = SUITES,
): Suite[] {
  const pool = fast ? all.filter((s) => s.fast) : all;
  if (names.length === 0) return [...pool];
  const chosen = new Set<Suite>();
  for (const name of names) {
    const hits = all.filter((s) => s.name === name || s.name.startsWith(`${name}.`));
    if (hits.length === 0) {
      const known = [...new Set(all.flatMap((s) => [s.name.split(".")[0]!, s.name]))];
      throw new UnknownSuiteError(name, known);
    }
    for (const s of hits) if (!fast || s.fast) chosen.add(s);
  }
  return all.filter((s) => chosen.has(s));
}
