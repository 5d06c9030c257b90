/** Errors of the sales domain, with stable codes (the run records them; the CLI prints them). */
export class SalesError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A tenant's sales settings (tenants.settings.sales) do not validate; `field` names the path. */
export class SalesSettingsError extends SalesError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super("SALES_SETTINGS_INVALID", `tenant setting settings.sales.${field} is invalid: ${reason}`);
  }
}

/** The sales agent was asked to run on a target it does not work on (a ticket, a segment …). */
export class SalesTargetError extends SalesError {
  constructor(kind: string) {
    super(
      "SALES_TARGET_UNSUPPORTED",
      `the sales agent runs on a lead, a deal, an account or every open one (all), not on a ${kind}`,
    );
  }
}
