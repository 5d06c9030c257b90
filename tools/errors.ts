/** Base class of every error a tool raises; `code` is stable and safe to match on. */
export class ToolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input failed validation; `path` names the first offending field, e.g. `reasons[0].factor`. */
export class ToolInputError extends ToolError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super("TOOL_INPUT_INVALID", `Invalid tool input at "${path || "(root)"}": ${reason}`);
  }
}

/** A write was attempted without an agent run (its idempotency key needs the run id). */
export class RunRequiredError extends ToolError {
  constructor(tool: string, reason = "it has no runId") {
    super("RUN_REQUIRED", `Tool ${tool} writes and needs an agent run, but ${reason}.`);
  }
}

/** The entity does not exist, or belongs to another tenant (row-level security hides it). */
export class NotFoundError extends ToolError {
  constructor(
    readonly entityKind: string,
    readonly entityId: string,
  ) {
    super("NOT_FOUND", `No ${entityKind} ${entityId} in this tenant.`);
  }
}

/**
 * Evidence ids that do not back this output: `foreign` belong to another account, `missing`
 * do not exist in this tenant.
 */
export class EvidenceError extends ToolError {
  constructor(
    readonly accountId: string | null,
    readonly foreign: string[],
    readonly missing: string[],
  ) {
    const parts = [
      foreign.length > 0 ? `belong to another account: ${foreign.join(", ")}` : "",
      missing.length > 0 ? `not found in this tenant: ${missing.join(", ")}` : "",
    ].filter(Boolean);
    super(
      "EVIDENCE_NOT_IN_ACCOUNT",
      `Evidence must belong to account ${accountId ?? "(none)"} of the output's entity; ${parts.join("; ")}.`,
    );
  }
}

/** The recipient withdrew consent or must not be contacted: no draft is written. */
export class ContactOptedOutError extends ToolError {
  constructor(
    readonly recipientKind: "contact" | "lead",
    readonly recipientId: string,
    reason: string,
  ) {
    super("CONTACT_OPTED_OUT", `Refusing to draft to ${recipientKind} ${recipientId}: ${reason}.`);
  }
}

/**
 * A tool its agent does not allow (or that does not exist) was asked for — by a model, or by a
 * graph calling past its agent's allow-list. `agent` is set when runTool refused it.
 */
export class ToolNotAllowedError extends ToolError {
  constructor(
    readonly tool: string,
    allowed: readonly string[],
    readonly agent?: string,
  ) {
    super(
      "TOOL_NOT_ALLOWED",
      `Tool ${tool} is not allowed ${agent ? `for agent ${agent}` : "here"}; allowed: ${allowed.join(", ") || "(none)"}.`,
    );
  }
}

/** A LangChain tool was invoked without a ToolContext in `config.configurable`. */
export class ToolContextMissingError extends ToolError {
  constructor(tool: string) {
    super(
      "TOOL_CONTEXT_MISSING",
      `Tool ${tool} was called without a ToolContext in config.configurable (see toolConfig()).`,
    );
  }
}
