import type { DraftDecision } from "../../db/queries/drafts.ts";
import type { ApprovalRequest } from "../../graphs/runtime/index.ts";
import { ApiError } from "../http/errors.ts";

/** Agent Inbox's interrupt shape: one per draft a run waits on. */
export interface HumanInterrupt {
  action_request: { action: string; args: Record<string, unknown> };
  config: { allow_accept: boolean; allow_edit: boolean; allow_respond: boolean; allow_ignore: boolean };
  description: string;
}

/** Agent Inbox's answer to one HumanInterrupt. */
export interface HumanResponse {
  type: "accept" | "edit" | "ignore" | "response";
  args?: unknown;
}

/** The action every draft interrupt names; its args are the draft (id, to, subject, body). */
export const SEND_DRAFT = "send_draft";

function isApproval(value: unknown): value is ApprovalRequest {
  return (value as ApprovalRequest | null)?.kind === "draft_approval";
}

/**
 * A run interrupt as Agent Inbox reads it: the runtime's draft approval becomes one HumanInterrupt
 * per draft (accept, edit, respond and ignore allowed); any other interrupt value passes unchanged.
 */
export function toHumanInterrupts(value: unknown): unknown {
  if (!isApproval(value)) return value;
  return value.drafts.map((d): HumanInterrupt => ({
    action_request: {
      action: SEND_DRAFT,
      args: { draft_id: d.id, to: d.to, subject: d.subject, body: d.body },
    },
    config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
    description: d.reason,
  }));
}

/** The drafts a run's interrupts wait on, in the order of their HumanInterrupts. */
export function draftIdsOf(interrupts: unknown[]): string[] {
  return interrupts.flatMap((v) => (isApproval(v) ? v.drafts.map((d) => d.id) : []));
}

/**
 * `Command({ resume })` → one decision per draft: accept = approve, edit = approve with the edited
 * args (`args.args.subject` / `body`, or `args.subject` / `body`), ignore = reject, response =
 * reject with the person's text as the note. A list answers the drafts in interrupt order; a
 * response may name its draft with `args.draft_id` / `args.args.draft_id`.
 */
export function toDraftDecisions(resume: unknown, draftIds: string[]): DraftDecision[] {
  const list = Array.isArray(resume) ? resume : [resume];
  if (list.length !== draftIds.length) {
    throw new ApiError(
      400,
      "VALIDATION_FAILED",
      `command.resume: the run waits on ${draftIds.length} drafts; send one HumanResponse per draft, got ${list.length}`,
      "command.resume",
    );
  }
  return list.map((raw, i) => decision(raw as HumanResponse, draftIds[i]!, i));
}

function decision(r: HumanResponse, fallbackId: string, i: number): DraftDecision {
  const field = `command.resume.${i}`;
  const args = (r?.args ?? {}) as Record<string, unknown>;
  const edited = (typeof args.args === "object" && args.args ? args.args : args) as Record<string, unknown>;
  const named = edited.draft_id ?? args.draft_id;
  const draftId = typeof named === "string" ? named : fallbackId;
  switch (r?.type) {
    case "accept":
      return { draftId, decision: "approve" };
    case "ignore":
      return { draftId, decision: "reject" };
    case "response":
      if (typeof r.args !== "string" || !r.args.trim())
        throw new ApiError(
          400,
          "VALIDATION_FAILED",
          `${field}.args: a response needs its text`,
          `${field}.args`,
        );
      return { draftId, decision: "reject", note: r.args.slice(0, 2000) };
    case "edit": {
      const body = edited.body;
      if (typeof body !== "string" || !body.trim())
        throw new ApiError(
          400,
          "VALIDATION_FAILED",
          `${field}.args: an edit needs args.body`,
          `${field}.args`,
        );
      const subject = typeof edited.subject === "string" ? edited.subject : undefined;
      return { draftId, decision: "edit", body, subject };
    }
    default:
      throw new ApiError(
        400,
        "VALIDATION_FAILED",
        `${field}.type: must be accept, edit, ignore or response`,
        `${field}.type`,
      );
  }
}
