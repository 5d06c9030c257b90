import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crm } from "./support/crm-cli.ts";

const runId = (stdout: string) => /^run ([0-9a-f-]{36}) /m.exec(stdout)?.[1];
const pendingDrafts = (stdout: string) =>
  [...stdout.matchAll(/^ {2}([0-9a-f-]{36}) pending /gm)].map((m) => m[1]!);

describe("crm approve, one draft at a time (embedded store)", () => {
  it("decides one draft (the run keeps waiting), then resumes with the rest pending", async () => {
    const env = { CRM_DATA_DIR: join(await mkdtemp(join(tmpdir(), "crm-approve-")), "data") };
    expect((await crm(["start", "--once", "--port", "0", "--skip-agents"], env)).code).toBe(0);
    const sales = await crm(["run", "sales", "--show", "200"], env);
    expect(sales.code, sales.stderr).toBe(0);
    const id = runId(sales.stdout)!;
    const drafts = pendingDrafts(sales.stdout);
    expect(drafts.length).toBeGreaterThanOrEqual(2);

    const one = await crm(["approve", id, "--approve", drafts[0]!], env);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(`run ${id} still waits on ${drafts.length - 1} draft(s)`);
    expect(one.stdout).not.toContain(drafts[0]!);

    const nothing = await crm(["approve", id], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/nothing to decide/);

    const rest = await crm(["approve", id, "--rest", "pending"], env);
    expect(rest.code, rest.stderr).toBe(0);
    expect(rest.stdout).toMatch(/agent sales {2}status succeeded/);
    expect(rest.stdout).toContain(
      `left pending (decide them one by one later): ${drafts.slice(1).join(", ")}`,
    );
    expect(rest.stdout).toMatch(new RegExp(`^ {2}${drafts[0]} approved `, "m"));

    const bad = await crm(["approve", id, "--rest", "later"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/expected "reject" or "pending", got "later"/);
  }, 300_000);
});
