import type { BudgetBreach } from "../../models/meter.ts";

/** Errors of the run runtime, with stable codes the server maps to HTTP statuses. */
export class RunError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "RunError";
    this.code = code;
  }
}

/** A run that does not exist in this tenant. */
export class RunNotFoundError extends RunError {
  constructor(runId: string) {
    super("RUN_NOT_FOUND", `run ${runId} not found`);
  }
}

/** A run asked to do something its status does not allow (resume a finished run …). */
export class RunStateError extends RunError {
  constructor(runId: string, status: string, wanted: string) {
    super("RUN_STATE", `run ${runId} is ${status}; cannot ${wanted}`);
  }
}

/** A node ran outside a run: its config has no run scope (a wiring error, not a user error). */
export class RunScopeMissingError extends RunError {
  constructor() {
    super("RUN_SCOPE_MISSING", "graph invoked without a run scope: start it through the run runtime");
  }
}

/** A node tried a tool or model call after its run's budget ran out at an earlier node boundary. */
export class RunHaltedError extends RunError {
  readonly breach: BudgetBreach;
  constructor(breach: BudgetBreach) {
    super("RUN_HALTED", `run halted: budget ${breach.budget} ran out before this node`);
    this.breach = breach;
  }
}
