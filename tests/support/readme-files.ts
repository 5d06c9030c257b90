import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The repository root (this file is tests/support/readme-files.ts). */
export const REPO = resolve(dirname(new URL(import.meta.url).pathname), "../..");

/** Folders that are not the project's own files: generated, installed or outside git. */
const NOT_OURS = new Set(["node_modules", ".git", ".data", "reports", "coverage", ".scratch"]);

/** Every README.md of the repository, as repo-relative paths, the top-level one first. */
export function readmeFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (NOT_OURS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === "README.md") found.push(relative(REPO, path));
    }
  };
  walk(REPO);
  return found.sort((a, b) => (a === "README.md" ? -1 : b === "README.md" ? 1 : a.localeCompare(b)));
}

/** The names at the top of the repository a backticked repo path may start with. */
export function topLevelNames(): Set<string> {
  return new Set(readdirSync(REPO).filter((name) => !NOT_OURS.has(name)));
}

/** A fenced code block of a markdown file: its info string and its lines. */
export interface Fence {
  lang: string;
  lines: string[];
  /** 1-based line number of the opening fence. */
  line: number;
}

/** Splits markdown into prose lines (fences blanked, so line numbers stay) and fenced blocks. */
export function splitMarkdown(text: string): { prose: string[]; fences: Fence[] } {
  const prose: string[] = [];
  const fences: Fence[] = [];
  let open: Fence | undefined;
  text.split("\n").forEach((line, i) => {
    const fence = /^\s*```(\S*)/.exec(line);
    if (fence && !open) {
      open = { lang: fence[1] ?? "", lines: [], line: i + 1 };
      prose.push("");
    } else if (fence && open) {
      fences.push(open);
      open = undefined;
      prose.push("");
    } else if (open) {
      open.lines.push(line);
      prose.push("");
    } else prose.push(line);
  });
  if (open) throw new Error(`unclosed code fence opened at line ${open.line}`);
  return { prose, fences };
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a markdown file's headings (outside code fences). */
export function anchorsOf(path: string): Set<string> {
  const { prose } = splitMarkdown(readFileSync(path, "utf8"));
  const anchors = new Set<string>();
  for (const line of prose) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m?.[1]) anchors.add(headingSlug(m[1]));
  }
  return anchors;
}

/** Whether a path exists; a last segment with `*` must match at least one entry of its folder. */
export function pathExists(path: string): boolean {
  const last = path.replace(/\/$/, "").split("/").pop() ?? "";
  if (!last.includes("*")) return existsSync(path);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
  const pattern = new RegExp(`^${last.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return readdirSync(dir).some((name) => pattern.test(name));
}
