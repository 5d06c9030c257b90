import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crm } from "./support/crm-cli.ts";

const runId = (stdout: string) => /^run ([0-9a-f-]{36}) /m.exec(stdout)?.[1];

describe("crm run on the demo tenant (embedded store, offline provider)", () => {
  it("runs sales, cs and marketing, prints outputs with reasons, and approval resumes the runs", async () => {
    const env = { CRM_DATA_DIR: join(await mkdtemp(join(tmpdir(), "crm-agents-")), "data") };
    expect((await crm(["start", "--once", "--port", "0", "--skip-agents"], env)).code).toBe(0);

    // a tenant changes its points table; a bad value is refused naming the field
    const points = ["tenant", "settings", "demo", "--set", "sales.lead_points.pricing_page_view=40"];
    expect((await crm(points, env)).code).toBe(0);
    const bad = await crm(
      ["tenant", "settings", "demo", "--set", "sales.lead_points.demo_request=lots"],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/settings\.sales\.lead_points\.demo_request is invalid/);

    const sales = await crm(["run", "sales", "--show", "3"], env);
    expect(sales.code, sales.stderr).toBe(0);
    expect(sales.stdout).toMatch(/agent sales {2}status interrupted/);
    expect(sales.stdout).toMatch(/text by: offline:/);
    expect(sales.stdout).toMatch(/^ {2}lead +\d+ (hot|warm|cold) /m);
    expect(sales.stdout).toMatch(/^ {2}win +\d+ /m);
    expect(sales.stdout).toMatch(/^tasks$/m);
    expect(sales.stdout).toMatch(/evidence: (deal|activity|lead):/);
    expect(sales.stdout).toMatch(/pipeline forecast/);
    expect(sales.stdout).toMatch(/^ {6}\+40 {2}viewed the pricing page/m);

    const approved = await crm(["approve", runId(sales.stdout)!, "--all", "--as", "user:test"], env);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/agent sales {2}status succeeded/);
    expect(approved.stdout).not.toMatch(/ pending email /);

    const cs = await crm(["run", "cs", "--show", "2"], env);
    expect(cs.code, cs.stderr).toBe(0);
    expect(cs.stdout).toMatch(/agent cs {2}status (interrupted|succeeded)/);
    expect(cs.stdout).toMatch(/^ {2}health +\d+ /m);
    expect(cs.stdout).toMatch(/^ {2}churn +\d+ /m);

    const marketing = await crm(
      ["run", "marketing", "--goal", "re-engage dormant accounts", "--show", "2"],
      env,
    );
    expect(marketing.code, marketing.stderr).toBe(0);
    expect(marketing.stdout).toMatch(/agent marketing {2}status (interrupted|succeeded)/);
    expect(marketing.stdout).toMatch(/^segments of 200 accounts/m);
    expect(marketing.stdout).toMatch(
      /audience "re-engage dormant accounts" .* excluded \d+ consent\/opt-out/,
    );

    const missing = await crm(["continue", "00000000-0000-4000-8000-000000000000"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/run 00000000-0000-4000-8000-000000000000 not found/);

    const unknown = await crm(["run", "forecaster"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown agent "forecaster"; known: .*cs.*sales/);
  }, 300_000); // five processes, each starting PGlite, on a busy 2-core machine
});
