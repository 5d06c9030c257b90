import { MARKETING_TOOLS, DAY_MS } from "../../agents/marketing/index.ts";
import { TOOLS, ToolNotAllowedError, type ToolName } from "../../tools/index.ts";

/**
 * A tool of the marketing allow-list (agents/marketing/tools.ts), typed; any other is refused
 * with TOOL_NOT_ALLOWED, so the graph cannot reach past its policy.
 */
export function marketingTool<N extends ToolName>(name: N): (typeof TOOLS)[N] {
  if (!MARKETING_TOOLS.includes(name)) throw new ToolNotAllowedError(name, MARKETING_TOOLS);
  return TOOLS[name];
}

/** An instant `days` before `asOf`, as ISO text. */
export const daysBefore = (asOf: string, days: number): string =>
  new Date(new Date(asOf).getTime() - days * DAY_MS).toISOString();

/** A field `prepare` set; throws if the graph was wired without it. */
export function prepared<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined)
    throw new Error(`marketing graph: ${field} is not set; prepare must run first`);
  return value;
}

/**
 * Reads every page of a paged read tool: `read(after)` returns a page and its `next_after`;
 * `take` consumes each page as it comes, so a whole book never sits in one array twice.
 */
export async function eachPage<P extends { next_after: string | null }>(
  read: (after: string | undefined) => Promise<P>,
  take: (page: P) => void,
): Promise<void> {
  let after: string | undefined;
  do {
    const page = await read(after);
    take(page);
    after = page.next_after ?? undefined;
  } while (after);
}
