/** Errors of the planner's domain, with stable codes. */
export class PlannerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PlannerError";
  }
}

/** A planner option that does not validate; names the field. */
export class PlannerPolicyError extends PlannerError {
  constructor(field: string, problem: string) {
    super("PLANNER_POLICY_INVALID", `planner option ${field} is invalid: ${problem}`);
  }
}

/** A plan date that is not a calendar date (YYYY-MM-DD). */
export class PlanDateError extends PlannerError {
  constructor(value: string) {
    super("PLAN_DATE_INVALID", `plan date "${value}" is not a date (YYYY-MM-DD)`);
  }
}

/** An instance the solver cannot take (a task or rep with impossible numbers). */
export class PlanInstanceError extends PlannerError {
  constructor(message: string) {
    super("PLAN_INSTANCE_INVALID", message);
  }
}
