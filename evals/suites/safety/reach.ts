import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { TOOLS } from "../../../tools/index.ts";
import type { ToolPolicy } from "./policy.ts";

/**
 * How a graph names a tool it calls: `TOOLS.record_score`, `TOOLS["record_score"]`, or an agent's
 * typed picker such as `csTool("record_score")` / `supportTool("create_draft")`.
 */
const CALL_SITES = [
  /\bTOOLS\.([a-z0-9_]+)/g,
  /\bTOOLS\["([a-z0-9_]+)"\]/g,
  /\b[a-z]+Tool\(\s*"([a-z0-9_]+)"/g,
];

/**
 * The registered tools that the agent's graph code (graphs/<agent>/, tests excluded) names at a
 * call site: what it can reach at all, whatever the data.
 */
export async function graphReach(root: string, agent: string): Promise<Set<string>> {
  const reached = new Set<string>();
  const dir = join(root, "graphs", agent);
  const files = (await readdir(dir, { recursive: true })).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  for (const file of files) {
    const text = await readFile(join(dir, file), "utf8");
    for (const pattern of CALL_SITES)
      for (const m of text.matchAll(pattern)) if (Object.hasOwn(TOOLS, m[1]!)) reached.add(m[1]!);
  }
  return reached;
}

/** An agent's allow-list held against what its graph can reach. */
export interface ReachCheck {
  agent: string;
  /** On the list, but no call site of the agent names it: a grant nothing needs (a loosened list). */
  grantedUnreached: string[];
  /** Named by the agent's graph, but off its list: runTool refuses that call at run time. */
  reachedNotGranted: string[];
}

/** Least privilege: each agent's list must be exactly what its graph can call. */
export async function checkReach(root: string, policies: readonly ToolPolicy[]): Promise<ReachCheck[]> {
  return Promise.all(
    policies.map(async (p) => {
      const reached = await graphReach(root, p.agent);
      return {
        agent: p.agent,
        grantedUnreached: p.tools.filter((t) => !reached.has(t)).sort(),
        reachedNotGranted: [...reached].filter((t) => !p.tools.includes(t)).sort(),
      };
    }),
  );
}
