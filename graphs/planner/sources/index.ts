import { csSource } from "./cs.ts";
import { marketingSource } from "./marketing.ts";
import { salesSource } from "./sales.ts";
import { supportSource } from "./support.ts";
import type { ProposalSource } from "./types.ts";

/**
 * The agents whose proposal steps the planner fans out to, by name. Adding an agent is one entry
 * here plus its roles in the planner policy.
 */
export const PROPOSAL_SOURCES: Record<string, ProposalSource> = {
  sales: salesSource,
  cs: csSource,
  marketing: marketingSource,
  support: supportSource,
};

export type { ProposalSource, BatchSlice } from "./types.ts";
