/** Errors of the planner graph and its entry points, with stable codes. */
export class PlanRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PlanRunError";
  }
}

/** A proposal source that is not registered (graphs/planner/sources/index.ts). */
export class UnknownSourceError extends PlanRunError {
  constructor(name: string, known: string[]) {
    super("UNKNOWN_PLAN_SOURCE", `unknown proposal source "${name}"; known: ${known.sort().join(", ")}`);
  }
}

/** A plan id that is not a plan of this tenant. */
export class PlanNotFoundError extends PlanRunError {
  constructor(planId: string) {
    super("PLAN_NOT_FOUND", `plan ${planId} not found`);
  }
}

/** A plan whose planner run is gone (its batches need the run for their writes). */
export class PlanWithoutRunError extends PlanRunError {
  constructor(planId: string) {
    super("PLAN_WITHOUT_RUN", `plan ${planId} has no planner run; open it again with runNightlyPlan`);
  }
}

/** A solved plan that breaks its own constraints: a bug, never stored. */
export class PlanViolationError extends PlanRunError {
  constructor(detail: string) {
    super("PLAN_VIOLATES_CONSTRAINTS", `the solved plan breaks its constraints: ${detail}`);
  }
}

/** A nightly plan run that did not succeed (failed, or stopped on its budget). */
export class PlanRunFailedError extends PlanRunError {
  constructor(runId: string, status: string, error: unknown) {
    super("PLAN_RUN_FAILED", `planner run ${runId} ended ${status}: ${JSON.stringify(error)}`);
  }
}
