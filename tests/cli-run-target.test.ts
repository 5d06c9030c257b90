import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crm } from "./support/crm-cli.ts";

const NOBODY = "5b0e8d7c-1f2a-4b3c-9d4e-6f7a8b9c0d1e";

describe("crm run on a target that does not exist (embedded store)", () => {
  it("exits non-zero naming the id and its kind, and starts no run", async () => {
    const env = { CRM_DATA_DIR: join(await mkdtemp(join(tmpdir(), "crm-agents-")), "data") };
    expect((await crm(["start", "--once", "--port", "0", "--skip-agents"], env)).code).toBe(0);

    const missing = await crm(["run", "sales", "--account", NOBODY], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`account ${NOBODY} not found`);
    expect(missing.stdout).not.toMatch(/status succeeded/);

    const ticket = await crm(["run", "support", "--ticket", NOBODY], env);
    expect(ticket.code).not.toBe(0);
    expect(ticket.stderr).toContain(`ticket ${NOBODY} not found`);
  }, 180_000);
});
