import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import {
  anchorsOf,
  pathExists,
  readmeFiles,
  REPO,
  splitMarkdown,
  topLevelNames,
} from "./support/readme-files.ts";

/**
 * The READMEs name files, folders and each other's sections; each name must exist, so a moved
 * file or a renamed heading fails here instead of leaving a newcomer at a dead end. Checked:
 * every relative markdown link (and its #anchor), and every backticked repo path in prose, i.e.
 * one that starts at a top-level name of the repository or at ../shared. URLs are not fetched;
 * ../shared (the datasets and design notes beside the repository) is checked only when it is there.
 */
const SHARED = resolve(REPO, "../shared");
/** Backticked text with these is a pattern or a placeholder (`graphs/<name>/`), not a path. */
const PLACEHOLDER = /[\s<>{}…$|=,;()'"]/;

function brokenNames(readme: string, text = readFileSync(join(REPO, readme), "utf8")): string[] {
  const file = join(REPO, readme);
  const dir = dirname(file);
  const { prose } = splitMarkdown(text);
  const top = topLevelNames();
  const broken: string[] = [];
  const outside = (path: string) => !path.startsWith(REPO + sep) && path !== REPO;
  const check = (path: string, anchor: string | undefined, shown: string, line: number) => {
    if (outside(path)) {
      if (!path.startsWith(SHARED + sep) && path !== SHARED) broken.push(`${line}: ${shown} leaves the repo`);
      else if (existsSync(SHARED) && !pathExists(path)) broken.push(`${line}: ${shown} does not exist`);
      return;
    }
    if (!pathExists(path)) return void broken.push(`${line}: ${shown} does not exist`);
    if (anchor === undefined) return;
    const target = statSync(path).isDirectory() ? join(path, "README.md") : path;
    if (!target.endsWith(".md") || !anchorsOf(target).has(anchor))
      broken.push(`${line}: ${shown}: no heading #${anchor} in ${relative(REPO, target)}`);
  };
  prose.forEach((text, i) => {
    const line = i + 1;
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // a URL
      const [path = "", anchor] = target.split("#");
      check(path === "" ? file : resolve(dir, path), anchor, `link (${target})`, line);
    }
    for (const [, span] of text.matchAll(/`([^`]+)`/g)) {
      if (!span || PLACEHOLDER.test(span)) continue;
      const name = span.replace(/^\.\//, "");
      const first = name.split("/")[0] ?? "";
      if (name.startsWith("../shared")) check(resolve(REPO, name), undefined, `\`${span}\``, line);
      else if (top.has(first) && (name.includes("/") || name === first))
        check(resolve(REPO, name), undefined, `\`${span}\``, line);
    }
  });
  return broken;
}

describe("README links and paths", () => {
  const readmes = readmeFiles();

  it.each(readmes)("%s names only paths, links and headings that exist", (readme) => {
    expect(brokenNames(readme)).toEqual([]);
  });

  it("the top-level README stays short (issue 22: at most 320 lines)", () => {
    const lines = readFileSync(join(REPO, "README.md"), "utf8").trimEnd().split("\n").length;
    expect(lines).toBeLessThanOrEqual(320);
  });

  it("every top-level folder, every agent and the layers issue 22 names have a README", () => {
    const agents = readdirSync(join(REPO, "agents"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `agents/${e.name}`);
    const folders = [
      ...["server", "graphs", "agents", "tools", "memory", "db", "evals", "tests", "bench", "drills"],
      ...["models", "scripts", "patches", "graphs/runtime", "server/http", "server/queue"],
      ...agents,
    ];
    expect(folders.filter((f) => !readmes.includes(`${f}/README.md`))).toEqual([]);
  });

  it("the checker reports a missing path, a broken link and a missing heading, not fenced lines", () => {
    const text = [
      "See `db/no-such-file.ts`, `graphs/runtime/`, `tests/readme-*.test.ts` and `graphs/<name>/`.",
      "[ok](../tools/README.md#tools) [gone](no-such.md) [heading](../README.md#no-such-heading)",
      "```sh",
      "npx tsx bench/no-such-bench.ts",
      "```",
    ].join("\n");
    expect(brokenNames("db/README.md", text)).toEqual([
      "1: `db/no-such-file.ts` does not exist",
      "2: link (no-such.md) does not exist",
      "2: link (../README.md#no-such-heading): no heading #no-such-heading in README.md",
    ]);
  });
});
