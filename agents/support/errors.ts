/** A tenant's support settings (`tenants.settings.support`) that do not validate. */
export class SupportPolicyError extends Error {
  readonly code = "SUPPORT_POLICY_INVALID";
  /** The offending setting's path, e.g. `support.intent.minConfidence`. */
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`tenant setting ${path} is invalid: ${problem}`);
    this.name = "SupportPolicyError";
    this.path = path;
  }
}

/** A run target the support agent does not work on (it takes a ticket, or all open tickets). */
export class SupportTargetError extends Error {
  readonly code = "SUPPORT_TARGET_UNSUPPORTED";
  constructor(kind: string) {
    super(`the support agent runs on a ticket or on all open tickets, not on a ${kind}`);
    this.name = "SupportTargetError";
  }
}

/** A stored triage model that is not a support triage bundle (wrong format or shape). */
export class TriageModelError extends Error {
  readonly code = "SUPPORT_TRIAGE_MODEL_INVALID";
  constructor(problem: string) {
    super(`the stored support triage model cannot be read: ${problem}`);
    this.name = "TriageModelError";
  }
}
