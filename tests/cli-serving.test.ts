import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CRM = new URL("../bin/crm.js", import.meta.url).pathname;
const baseEnv = (dataDir: string) => ({
  ...process.env,
  LOG_LEVEL: "warn",
  DATABASE_URL: "",
  LLM_MODEL: "",
  CRM_DATA_DIR: dataDir,
});

/** A `crm` command as a process of its own, in `cwd`; resolves with its exit code and output. */
function crmIn(cwd: string, args: string[], dataDir: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [CRM, ...args], { cwd, env: baseEnv(dataDir) }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * `crm start --skip-agents` on a fresh data directory, kept running while other `crm` processes
 * work on the same directory: before, each of them failed with STORE_LOCKED.
 */
describe("crm commands while crm start serves the embedded store", () => {
  let dir: string;
  let dataDir: string;
  let server: ChildProcess;
  let stdout = "";
  let url: string;
  let quickKey: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "crm-serving-"));
    dataDir = join(dir, "data");
    server = spawn(process.execPath, [CRM, "start", "--skip-agents", "--port", "0"], {
      env: baseEnv(dataDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    server.stderr!.resume();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (stdout.includes("serving; Ctrl-C stops.")) {
          clearInterval(timer);
          resolve();
        }
      }, 200);
      server.once("exit", (code) => reject(new Error(`crm start exited ${code}:\n${stdout}`)));
    });
    url = /^API at (http:\/\/localhost:\d+)/m.exec(stdout)![1]!;
    quickKey = /^API key for tenant demo \(.*\): (crm_\S+)$/m.exec(stdout)![1]!;
  }, 240_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGINT");
      await exited;
    }
  });

  it("creates, lists and revokes keys, and the key works on the API at once", async () => {
    const created = await crmIn(dir, ["key", "create", "--scopes", "admin", "--name", "owner"], dataDir);
    expect(created.stderr).toContain("not shown again");
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^crm_[0-9a-f]{12}_\S{43}$/);
    // an admin key made while the server runs: schedules are admin's
    const schedule = await fetch(`${url}/v1/schedules`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "owner-nightly", agent: "cs", cron: "0 3 * * *" }),
    });
    expect(schedule.status).toBe(201);
    const listed = await crmIn(dir, ["key", "list"], dataDir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\towner\tadmin\tlive\t/);
    expect(listed.stdout).toMatch(/\tquickstart\tread,runs:write,approve,admin\tlive\t/);
    expect((await crmIn(dir, ["key", "revoke", "owner"], dataDir)).stdout).toContain("revoked");
    const after = await fetch(`${url}/v1/schedules`, { headers: { authorization: `Bearer ${key}` } });
    expect(after.status).toBe(401);
    const missing = await crmIn(dir, ["key", "revoke", "owner"], dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('crm: no live key "owner" in this tenant');
    // nothing the commands printed reached the server's own terminal
    expect(stdout).not.toContain(key);
  }, 180_000);

  it("the first requests it prints answer 2xx", async () => {
    const curls = stdout.split("\n").filter((l) => l.startsWith("  curl "));
    expect(curls).toHaveLength(2);
    for (const line of curls) {
      const status = await new Promise<string>((resolve, reject) =>
        execFile("sh", ["-c", `${line.trim()} -s -o /dev/null -w '%{http_code}'`], (err, out) =>
          err ? reject(err) : resolve(out),
        ),
      );
      expect(status, line).toMatch(/^2\d\d$/);
    }
  }, 120_000);

  it("runs an agent and approves its drafts through the serving process", async () => {
    const run = await crmIn(
      dir,
      ["run", "marketing", "--goal", "re-engage dormant mid-market accounts", "--show", "1"],
      dataDir,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [, runId, status] = /^run ([0-9a-f-]{36}) {2}agent marketing {2}status (\w+)/m.exec(run.stdout)!;
    expect(status).toBe("interrupted");
    expect(run.stdout).toContain(`crm approve ${runId} --all`);
    const approved = await crmIn(dir, ["approve", runId!, "--all", "--show", "1"], dataDir);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(new RegExp(`^run ${runId} {2}agent marketing {2}status succeeded`, "m"));
    const outbox = await fetch(`${url}/v1/drafts?status=approved&limit=50`, {
      headers: { authorization: `Bearer ${quickKey}` },
    });
    expect(outbox.status).toBe(200);
  }, 180_000);

  it("tenants, settings and files relative to the caller's directory", async () => {
    expect((await crmIn(dir, ["tenant", "create", "acme"], dataDir)).stdout).toMatch(/^tenant acme \(/);
    expect((await crmIn(dir, ["tenant", "list"], dataDir)).stdout).toMatch(/^acme\t/m);
    const settings = await crmIn(
      dir,
      ["tenant", "settings", "acme", "--set", "sales.lead_points.pricing_page_view=40"],
      dataDir,
    );
    expect(settings.code).toBe(0);
    expect(JSON.parse(settings.stdout)).toMatchObject({ sales: { lead_points: { pricing_page_view: 40 } } });
    // the server's working directory is not the caller's: the snapshot lands where the caller meant
    const exported = await crmIn(dir, ["export", "--tenant", "acme", "--out", "snap"], dataDir);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/exported \d+ rows of tenant acme to \S+snap/);
    expect(await readdir(join(dir, "snap"))).toContain("manifest.json");
  }, 180_000);

  it("a second server on the same directory is refused, naming the one that serves it", async () => {
    const second = await crmIn(dir, ["start", "--once", "--port", "0"], dataDir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `already open in process ${server.pid} (crm start --skip-agents --port 0)`,
    );
    expect(second.stderr).toContain("other crm commands reach it while it runs");
  }, 120_000);

  it("says so when the process holding the store takes no commands, and leaves no control file behind", async () => {
    expect(existsSync(join(dataDir, "serve.json"))).toBe(true);
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGINT");
    await exited;
    expect(existsSync(join(dataDir, "serve.json"))).toBe(false);
    // a process that holds the store without serving it (here: the lock test's holder)
    const holder = spawn(
      process.execPath,
      ["--import", "tsx", new URL("./support/hold-store.ts", import.meta.url).pathname, dataDir],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve) =>
      holder.stdout!.on("data", (c: Buffer) => c.toString().includes("opened") && resolve()),
    );
    try {
      const refused = await crmIn(dir, ["key", "list"], dataDir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `is open in process ${holder.pid}, which takes no commands from other processes`,
      );
    } finally {
      holder.kill("SIGKILL");
    }
  }, 180_000);
});
