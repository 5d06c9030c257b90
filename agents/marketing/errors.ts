/** Errors of the marketing domain, with stable codes (the run records them; the CLI prints them). */
export class MarketingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A tenant's marketing settings (tenants.settings.marketing) do not validate; `field` names the path. */
export class MarketingSettingsError extends MarketingError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super("MARKETING_SETTINGS_INVALID", `tenant setting settings.marketing.${field} is invalid: ${reason}`);
  }
}

/** The marketing agent was asked to run on a target it does not work on, or with a bad goal. */
export class MarketingTargetError extends MarketingError {
  constructor(reason: string) {
    super("MARKETING_TARGET_INVALID", `the marketing agent cannot run on this target: ${reason}`);
  }
}
