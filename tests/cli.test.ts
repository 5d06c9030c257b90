import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crm } from "./support/crm-cli.ts";

describe("the crm command on the embedded store", () => {
  it("start loads the demo tenant once, and export → import snapshot moves it to another store", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-cli-"));
    const env = { CRM_DATA_DIR: join(dir, "data") };
    // the main job: serve, load the demo tenant, run every agent and the nightly plan, summarise
    const first = await crm(["start", "--once", "--port", "0"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/loading the demo tenant: a synthetic book of 200 accounts/);
    expect(first.stdout).toMatch(/^ {2}accounts +200$/m);
    expect(first.stdout).toMatch(/tenant demo \(.+\) is ready/);
    for (const agent of ["sales", "cs", "marketing", "support"]) {
      expect(first.stdout).toMatch(
        new RegExp(`^ {2}${agent} +(interrupted|succeeded) +\\d+ scores, \\d+ tasks, \\d+ drafts`, "m"),
      );
    }
    expect(first.stdout).toMatch(/^ {2}planner +(mip|greedy) \S+, objective \d+ of bound \d+/m);
    expect(first.stdout).toMatch(/^top scores$/m);
    expect(first.stdout).toMatch(/^tasks per person, plan \d{4}-\d{2}-\d{2}/m);
    expect(first.stdout).toMatch(
      /^drafts waiting for approval\n {2}\S+ +\d+ drafts +crm approve [0-9a-f-]{36} --all/m,
    );
    const api = /^API at (http:\/\/localhost:\d+) +docs: \1\/docs/m.exec(first.stdout);
    expect(api).not.toBeNull();
    expect(first.stdout).toMatch(/API key for tenant demo .*: crm_[0-9a-f]{12}_\S+$/m);
    expect(first.stdout).toMatch(
      /curl -H "Authorization: Bearer crm_\S+" "http:\/\/localhost:\d+\/v1\/tasks\?limit=5"/,
    );
    const second = await crm(["start", "--once", "--port", "0", "--skip-agents"], env);
    expect(second.stdout).toMatch(/the demo tenant was loaded before/);
    expect(second.stdout).toMatch(/^ {2}accounts +200$/m);

    const exported = await crm(["export", "--tenant", "demo", "--out", join(dir, "snap")], env);
    expect(exported.stdout).toMatch(/exported \d+ rows of tenant demo/);
    const other = { CRM_DATA_DIR: join(dir, "other") };
    const imported = await crm(["import", "snapshot", join(dir, "snap")], other);
    expect(imported.code).toBe(0);
    const again = await crm(["start", "--once", "--port", "0", "--skip-agents"], other);
    expect(again.stdout).toMatch(/the demo tenant was loaded before/);
    const counts = (out: string) => out.split("loaded before")[1]!.split("semantic memory")[0];
    expect(counts(again.stdout)).toBe(counts(second.stdout));
    // the first start indexes the texts; later starts, and the snapshot (which carries the
    // vectors and the index record), reuse that index
    expect(first.stdout).toMatch(/semantic memory: indexed \d+ texts/);
    const upToDate = /semantic memory: up to date \(hash-ngram-v1-d512-[0-9a-f]+\)/;
    expect(second.stdout).toMatch(upToDate);
    expect(again.stdout.match(upToDate)?.[0]).toBe(second.stdout.match(upToDate)?.[0]);
  }, 480_000); // five processes, each starting PGlite, one running every agent, on a busy 2-core machine

  it("a bad setting fails at start-up naming the variable", async () => {
    const result = await crm(["migrate"], { DB_POOL_MAX: "lots", DATABASE_URL: "mysql://x" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(result.stderr).toMatch(/DB_POOL_MAX: /);
  });

  it("a bad option value names the option", async () => {
    const result = await crm(["seed", "--accounts", "many"], { CRM_DATA_DIR: "memory://" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/option '--accounts <n>' argument 'many' is invalid/);
  });
});
