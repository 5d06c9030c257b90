import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crm } from "./support/crm-cli.ts";

describe("crm plan (embedded store, offline)", () => {
  it("runs the nightly plan once and prints every person's day within capacity; names a bad date", async () => {
    const env = { CRM_DATA_DIR: join(await mkdtemp(join(tmpdir(), "crm-plan-")), "data") };
    const seeded = await crm(["seed", "--tenant", "small", "--accounts", "40", "--seed", "5"], env);
    expect(seeded.code, seeded.stderr).toBe(0);

    const plan = await crm(["plan", "--tenant", "small", "--date", "2026-11-02"], env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/^plan 2026-11-02 {2}[0-9a-f-]{36}$/m);
    expect(plan.stdout).toMatch(/^method mip {2}status optimal {2}solve \d+ ms$/m);
    const numbers = /^objective ([\d.]+) {2}bound ([\d.]+) \(mip_dual_bound\) {2}gap -?[\d.]+%$/m.exec(
      plan.stdout,
    );
    expect(numbers).not.toBeNull();
    expect(Number(numbers![1])).toBeLessThanOrEqual(Number(numbers![2]) * (1 + 1e-6) + 0.01);
    const people = [...plan.stdout.matchAll(/^(.+) \((\w+)\) {2}([\d.]+)\/([\d.]+) h {2}(\d+) tasks$/gm)];
    expect(people.length).toBeGreaterThan(3);
    for (const [, , , used, capacity] of people) expect(Number(used)).toBeLessThanOrEqual(Number(capacity));
    expect(people.reduce((s, p) => s + Number(p[5]), 0)).toBeGreaterThan(0);
    expect(plan.stdout).toMatch(
      /^ {2}\d\d:\d\d-\d\d:\d\d \S+ {2}(sales|cs|marketing):[a-z_]+ {2}.+\[EV [\d.]+, (owner|territory|pool)\]/m,
    );

    const bad = await crm(["plan", "--tenant", "small", "--date", "2026-02-30"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/plan date "2026-02-30" is not a date/);
  }, 300_000); // two processes starting PGlite (the bad date fails before the store opens)
});
