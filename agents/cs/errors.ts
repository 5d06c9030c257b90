/** A tenant's customer-success settings (`tenants.settings.cs`) that do not validate. */
export class CsPolicyError extends Error {
  readonly code = "CS_POLICY_INVALID";
  /** The offending setting's path, e.g. `cs.weights.usage_trend`. */
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`tenant setting ${path} is invalid: ${problem}`);
    this.name = "CsPolicyError";
    this.path = path;
  }
}

/** A run target the CS agent does not work on (it takes an account, a ticket, or all). */
export class CsTargetError extends Error {
  readonly code = "CS_TARGET_UNSUPPORTED";
  constructor(kind: string) {
    super(`the cs agent runs on an account, a ticket or all accounts, not on a ${kind}`);
    this.name = "CsTargetError";
  }
}
