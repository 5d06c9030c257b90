import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alignColumns } from "../server/start/columns.ts";
import { crm } from "./support/crm-cli.ts";

const keyLine = /^API key for tenant demo \((.*)\): (crm_([0-9a-f]{12})_\S+)$/m;

describe("crm start: the quickstart key across restarts, the summary, the logs", () => {
  it("keeps one working admin key across restarts, and says so once when it makes a new one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-start-key-"));
    const env = { CRM_DATA_DIR: join(dir, "data"), LOG_LEVEL: "info" };
    const first = await crm(["start", "--once", "--port", "0"], env);
    expect(first.code).toBe(0);
    const [, firstHow, firstKey, firstPrefix] = keyLine.exec(first.stdout)!;
    expect(firstHow).toContain("admin: every scope; new, saved in");
    const file = join(dir, "data", "quickstart-key");
    expect((await readFile(file, "utf8")).trim()).toBe(firstKey);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // the API listens only once the demo tenant is ready; the summary is not interleaved with
    // info logs (held back until it is printed), and its columns line up with real names
    const out = first.stdout;
    expect(out.indexOf("tenant demo (")).toBeLessThan(out.indexOf("API listening at"));
    expect(out.indexOf("API listening at")).toBeLessThan(out.indexOf("running every agent"));
    const info = first.stderr.split("\n").filter((l) => l.includes('"level":30'));
    expect(info.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["API listening", "stopped"]);
    const block = (title: RegExp) => {
      const start = out.split("\n").findIndex((l) => title.test(l));
      const lines = out.split("\n").slice(start + 1);
      return lines.slice(
        0,
        lines.findIndex((l) => l === ""),
      );
    };
    const agents = out.split("\n").filter((l) => / s, run [0-9a-f-]{36}\)$/.test(l));
    expect(agents).toHaveLength(4);
    expect(new Set(agents.map((l) => l.lastIndexOf("(")))).toHaveProperty("size", 1);
    const people = block(/^tasks per person/);
    expect(people.length).toBeGreaterThan(5);
    expect(new Set(people.map((l) => l.indexOf(" tasks")))).toHaveProperty("size", 1);
    expect(new Set(people.map((l) => l.length))).toHaveProperty("size", 1);
    const scores = block(/^top scores$/);
    expect(new Set(scores.map((l) => /^ {2}\S+ +\S+ +\d+ {2}/.exec(l)?.[0].length))).toHaveProperty(
      "size",
      1,
    );
    expect(first.stdout).toMatch(
      /^drafts waiting for approval\n {2}\S+ +\d+ drafts +crm approve [0-9a-f-]{36} --all/m,
    );

    // a restart prints the same key, and it is still live
    const second = await crm(["start", "--once", "--port", "0", "--skip-agents"], env);
    const [, secondHow, secondKey] = keyLine.exec(second.stdout)!;
    expect(secondKey).toBe(firstKey);
    expect(secondHow).toContain("kept from the last start");
    expect(second.stdout).not.toContain("note:");
    const listed = await crm(["key", "list"], env);
    expect(listed.stdout).toMatch(
      new RegExp(`^${firstPrefix}\\tquickstart\\tread,runs:write,approve,admin\\tlive\\t`, "m"),
    );

    // revoked by its owner: the next start makes a new one and says why
    expect((await crm(["key", "revoke", firstPrefix!], env)).code).toBe(0);
    const third = await crm(["start", "--once", "--port", "0", "--skip-agents"], env);
    const [, , thirdKey] = keyLine.exec(third.stdout)!;
    expect(thirdKey).not.toBe(firstKey);
    expect(third.stdout).toMatch(
      /^ {2}note: the key saved in .*quickstart-key \(crm_[0-9a-f]{12}…\) no longer works/m,
    );
    expect((await readFile(file, "utf8")).trim()).toBe(thirdKey);
  }, 480_000);

  it("aligns columns whatever the widths, numbers to the right", () => {
    const lines = alignColumns(
      [
        ["Aisha Hoffmann", "marketing", "0 tasks", "0.0/5.0 h"],
        ["Olivia Esposito", "rep", "17 tasks", "11.9/16.5 h"],
      ],
      [2, 3],
    );
    expect(lines).toEqual([
      "  Aisha Hoffmann   marketing   0 tasks    0.0/5.0 h",
      "  Olivia Esposito  rep        17 tasks  11.9/16.5 h",
    ]);
    expect(
      alignColumns(
        [
          ["sales", "win", "68", "best_case", "deal A"],
          ["cs", "churn", "7", "-", "x"],
        ],
        [2],
      ),
    ).toEqual(["  sales  win    68  best_case  deal A", "  cs     churn   7  -          x"]);
  });
});
