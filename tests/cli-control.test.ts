import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant, type Store } from "../db/index.ts";
import { absolutePaths } from "../server/cli/forward-paths.ts";
import { hostPrograms, runHostedCli } from "../server/cli/hosted.ts";
import { buildProgram } from "../server/cli/program.ts";
import { forwardCommand } from "../server/control/client.ts";
import {
  newControlToken,
  readControlFile,
  removeControlFile,
  writeControlFile,
} from "../server/control/file.ts";
import {
  CONTROL_PATH,
  startControlListener,
  TOKEN_HEADER,
  type ControlListener,
} from "../server/control/listener.ts";
import { parseConfig } from "../server/config.ts";
import { createLogger } from "../server/logger.ts";
import { openTestStore } from "./support/stores.ts";

// as the CLI entry point does: hosted command lines run this program
hostPrograms(buildProgram);

/** The control endpoint a serving process opens for `crm` commands of other processes. */
describe("the CLI control endpoint", () => {
  let store: Store;
  let listener: ControlListener;
  const token = newControlToken();
  const host = () => ({
    store,
    config: parseConfig({}),
    logger: createLogger("silent"),
    describe: "process 1 (crm start)",
  });

  beforeAll(async () => {
    store = await openTestStore("pglite");
    await ensureTenant(store.sql, { slug: "ctl", name: "ctl" });
    listener = await startControlListener(token, (argv, cwd, write) =>
      runHostedCli(argv, host(), cwd, write),
    );
  });
  afterAll(async () => {
    await listener?.stop();
    await store?.close();
  });

  const info = () => ({ pid: process.pid, url: listener.url, token, command: "crm start", startedAt: "" });
  async function run(argv: string[]) {
    const chunks = { stdout: "", stderr: "" };
    const code = await forwardCommand(info(), argv, process.cwd(), (s, text) => (chunks[s] += text));
    return { code, ...chunks };
  }

  it("runs a command over the host's store and returns its output and exit code", async () => {
    const created = await run([
      "key",
      "create",
      "--tenant",
      "ctl",
      "--scopes",
      "read,admin",
      "--name",
      "owner",
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("not shown again");
    const [row] = await store.sql<{ scopes: string[] }[]>`SELECT scopes FROM api_keys WHERE name = 'owner'`;
    expect(row!.scopes).toEqual(["read", "admin"]);
    // a failing command: its message on stderr, exit 1; bad usage: commander's message and code
    const missing = await run(["key", "revoke", "nope", "--tenant", "ctl"]);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toContain('crm: no live key "nope" in this tenant');
    const bad = await run(["key", "create", "--tenant", "ctl", "--scopes", "superuser"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown scope "superuser"');
    const notFound = await run([
      "approve",
      "00000000-0000-4000-8000-000000000000",
      "--tenant",
      "ctl",
      "--all",
    ]);
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toMatch(/^crm: .*00000000-0000-4000-8000-000000000000/m);
  });

  it("refuses to start a second server inside the first", async () => {
    const start = await run(["start", "--once"]);
    expect(start.code).toBe(1);
    expect(start.stderr).toContain("`crm start` cannot run inside process 1 (crm start)");
  });

  it("takes only POST /cli with the token, and says what is wrong", async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${listener.url}${CONTROL_PATH}`, { method: "POST", headers, body });
    const noToken = await post({}, JSON.stringify({ argv: ["tenant", "list"], cwd: "/" }));
    expect(noToken.status).toBe(401);
    expect((await noToken.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await post({ [TOKEN_HEADER]: `${token}x` }, "{}")).status).toBe(401);
    const bad = await post({ [TOKEN_HEADER]: token }, JSON.stringify({ argv: "tenant list", cwd: "/" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "argv" });
    expect((await fetch(`${listener.url}/v1/tasks`)).status).toBe(404);
    expect(new URL(listener.url).hostname).toBe("127.0.0.1");
  });

  it("announces itself in a control file only its owner can read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-ctl-"));
    writeControlFile(dir, info());
    expect((await stat(join(dir, "serve.json"))).mode & 0o777).toBe(0o600);
    expect(readControlFile(dir)).toMatchObject({ pid: process.pid, url: listener.url, token });
    expect(JSON.parse(await readFile(join(dir, "serve.json"), "utf8")).token).toBe(token);
    removeControlFile(dir, process.pid + 1); // not this process's to remove
    expect(readControlFile(dir)).not.toBeNull();
    removeControlFile(dir);
    expect(readControlFile(dir)).toBeNull();
  });

  it("makes relative files and directories absolute against the caller's directory", () => {
    expect(absolutePaths(["export", "--out", "snap", "--tenant", "acme"], "/home/u")).toEqual([
      "export",
      "--out",
      "/home/u/snap",
      "--tenant",
      "acme",
    ]);
    expect(
      absolutePaths(["import", "csv", "--tenant", "acme", "a.csv", "--mapping=m.yaml", "--skip-bad"], "/w"),
    ).toEqual(["import", "csv", "--tenant", "acme", "/w/a.csv", "--mapping=/w/m.yaml", "--skip-bad"]);
    expect(absolutePaths(["import", "snapshot", "/abs/snap"], "/w")).toEqual([
      "import",
      "snapshot",
      "/abs/snap",
    ]);
    expect(absolutePaths(["approve", "r", "--edit", "d=body.txt", "--all"], "/w")).toEqual([
      "approve",
      "r",
      "--edit",
      "d=/w/body.txt",
      "--all",
    ]);
    expect(absolutePaths(["tenant", "settings", "demo", "--set", "a.b=1"], "/w")).toEqual([
      "tenant",
      "settings",
      "demo",
      "--set",
      "a.b=1",
    ]);
  });
});
