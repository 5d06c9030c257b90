import { splitMarkdown } from "./readme-files.ts";

/** One shell example of the README: a `curl …` or `npx crm …` command line, as bash runs it. */
export interface ReadmeExample {
  /** 1-based line of the README where the command starts. */
  line: number;
  /** The command, continuation lines joined as bash joins them. */
  command: string;
  /** What to keep from its answer: `# → NAME: path` lines under it (`stdout`: the printed line). */
  captures: { name: string; path: string }[];
}

export interface ReadmeScript {
  examples: ReadmeExample[];
  /** Names the README tells the reader to `export` (the test supplies their values). */
  exported: string[];
  /** Lines deliberately not run here, each with the line number. */
  excluded: { line: number; text: string }[];
}

/**
 * The two commands of the quick start. They are not run by the examples test: `npm ci` would
 * reinstall the dependencies of the checkout under test, `npm start` is the server the test
 * starts itself (as `crm start --port 0` on a fresh data directory, which is what it runs), and
 * `npm test` is the suite this test belongs to.
 */
const TWO_COMMANDS = /^npm (ci|start|test)\b/;
const CAPTURE = /^#\s*→\s*([A-Z][A-Z0-9_]*):\s*(\S+)\s*$/;
const EXPORT = /^export\s+([A-Z][A-Z0-9_]*)=/;

/**
 * Every shell example of a README: each line of its `sh`/`bash` blocks is a comment, a capture
 * (`# → NAME: path`), an `export NAME=…` the reader fills in, one of the two commands, or a
 * `curl`/`npx crm` example. Anything else throws, so no shell line of the README goes untested
 * unnoticed; a `curl` without `-f` throws too, because it would exit 0 on a 4xx.
 */
export function readmeScript(text: string): ReadmeScript {
  const script: ReadmeScript = { examples: [], exported: [], excluded: [] };
  for (const fence of splitMarkdown(text).fences) {
    if (!["sh", "bash", "shell"].includes(fence.lang)) continue;
    let open: ReadmeExample | undefined;
    fence.lines.forEach((raw, i) => {
      const line = fence.line + 1 + i;
      const text = raw.trim();
      if (open && open.command.endsWith("\\")) {
        open.command = `${open.command.slice(0, -1).trimEnd()} ${text}`;
        return;
      }
      const capture = CAPTURE.exec(text);
      if (capture) {
        if (!open) throw new Error(`README line ${line}: a capture line under no example`);
        open.captures.push({ name: capture[1]!, path: capture[2]! });
      } else if (text === "" || text.startsWith("#")) return;
      else if (EXPORT.test(text)) script.exported.push(EXPORT.exec(text)![1]!);
      else if (TWO_COMMANDS.test(text)) script.excluded.push({ line, text });
      else if (/^(curl|npx crm)\s/.test(text)) {
        open = { line, command: text, captures: [] };
        script.examples.push(open);
      } else throw new Error(`README line ${line}: a shell line this test cannot run: ${text}`);
    });
  }
  for (const ex of script.examples) {
    if (
      ex.command.startsWith("curl") &&
      !/\s(-[a-zA-Z]*f[a-zA-Z]*|--fail|--fail-with-body)\s/.test(ex.command)
    )
      throw new Error(`README line ${ex.line}: curl without -f exits 0 on an error answer: ${ex.command}`);
  }
  return script;
}

/** The shell variables a command uses (`$NAME` or `${NAME}`). */
export function variablesOf(command: string): string[] {
  return [...new Set([...command.matchAll(/\$\{?([A-Z][A-Z0-9_]*)\}?/g)].map((m) => m[1]!))];
}

/** The value a capture names: a dotted path into the JSON answer, or `stdout`'s last line. */
export function captured(stdout: string, path: string): string | undefined {
  if (path === "stdout") return stdout.trim().split("\n").pop()?.trim() || undefined;
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
