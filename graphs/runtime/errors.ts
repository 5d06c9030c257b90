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

/** A second run on a target that already has an active run, under the `reject` policy. */
export class TargetBusyError extends RunError {
  /** The run holding the target (queued, running or interrupted). */
  readonly busyRunId: string;
  constructor(busy: { id: string; agent: string; status: string; target: { kind: string; id?: string } }) {
    const on = busy.target.id ? `${busy.target.kind} ${busy.target.id}` : busy.target.kind;
    super(
      "TARGET_BUSY",
      `${busy.agent} already has run ${busy.id} (${busy.status}) on ${on}; ` +
        `wait for it, cancel it, or send the request with policy "enqueue"`,
    );
    this.busyRunId = busy.id;
  }
}

/** A node tried a tool or model call after its run was cancelled at an earlier node boundary. */
export class RunCancelledError extends RunError {
  constructor(runId: string) {
    super("RUN_CANCELLED", `run ${runId} was cancelled`);
  }
}

/**
 * A leg cut off because the store's connection was lost (terminated, restarted, unreachable).
 * The run stays `running` with its checkpoint, not `failed`: the leg is tried again from there.
 */
export class RunConnectionLostError extends RunError {
  constructor(runId: string, cause: unknown) {
    const e = cause as { code?: string; message?: string };
    super(
      "STORE_CONNECTION_LOST",
      `run ${runId} lost its store connection (${e.code ?? "error"}: ${e.message ?? String(cause)})`,
    );
    this.cause = cause;
  }
}

/** A run target whose entity does not exist in the tenant (or is another kind): a 404 at trigger time. */
export class TargetNotFoundError extends RunError {
  readonly field = "target.id";
  constructor(
    readonly kind: string,
    readonly id: string,
    actualKind: string | null,
  ) {
    super(
      "TARGET_NOT_FOUND",
      `${kind} ${id} not found` +
        (actualKind ? `: ${id} is ${article(actualKind)}, not ${article(kind)}` : ""),
    );
  }
}

/** A run request asking for more than the tenant's maximum budget: refused, never clamped. */
export class BudgetAboveMaximumError extends RunError {
  constructor(
    readonly field: string,
    requested: number,
    maximum: number,
  ) {
    super(
      "BUDGET_ABOVE_MAXIMUM",
      `${field} ${requested} is above the maximum ${maximum} of this tenant's runs`,
    );
  }
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);
