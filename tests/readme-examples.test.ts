import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "./support/readme-files.ts";
import { captured, readmeScript, variablesOf } from "./support/readme-examples.ts";

/**
 * The README's first hour is a script, and this test runs it: every `curl …` and `npx crm …`
 * line of README.md's sh blocks, in order, against a fresh embedded install (`crm start --port 0`
 * on a new data directory, as `npm start` does). `$CRM_URL` and `$CRM_KEY` come from what start-up
 * prints; every other variable from an earlier example's answer (`# → NAME: path` under it). An
 * example passes when it exits 0 (curl runs with -f, so an error answer fails it).
 */
const script = readmeScript(await readFile(join(REPO, "README.md"), "utf8"));
/** The store, model and queue of a fresh machine: embedded, offline, in-process. */
let env: Record<string, string>;
let server: ChildProcess | undefined;
let startup = "";
const vars: Record<string, string> = {};

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "crm-readme-"));
  env = {
    LOG_LEVEL: "warn",
    DATABASE_URL: "",
    LLM_MODEL: "",
    REDIS_URL: "",
    CRM_DATA_DIR: join(dir, "data"),
  };
  server = spawn(process.execPath, ["bin/crm.js", "start", "--port", "0"], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr?.on("data", (b: Buffer) => void (startup += b.toString()));
  await new Promise<void>((resolve, reject) => {
    server!.once("exit", (code) => reject(new Error(`crm start exited ${code}:\n${startup}`)));
    server!.stdout!.on("data", (b: Buffer) => {
      startup += b.toString();
      const url = /API (?:listening )?at (http:\/\/\S+)/.exec(startup)?.[1];
      const key = /\bcrm_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}/.exec(startup)?.[0];
      if (url && key && !vars.CRM_URL) {
        Object.assign(vars, { CRM_URL: url, CRM_KEY: key });
        resolve();
      }
    });
  });
  for (
    let i = 0;
    i < 100 &&
    !(await fetch(`${vars.CRM_URL}/readyz`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
}, 600_000); // the main job runs four agents and the nightly plan on a busy 2-core machine

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  if (env?.CRM_DATA_DIR) await rm(join(env.CRM_DATA_DIR, ".."), { recursive: true, force: true });
}, 60_000);

function bash(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", command],
      { cwd: REPO, env: { ...process.env, ...env, ...vars }, timeout: 240_000, maxBuffer: 32 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) || 1 : 0, stdout, stderr }),
    );
  });
}

describe("README first hour, run against a fresh `crm start`", () => {
  it("tells the reader to export exactly the values start-up prints, and runs only the two commands apart", () => {
    expect(script.exported.sort()).toEqual(["CRM_KEY", "CRM_URL"]);
    expect(script.excluded.map((e) => e.text.split(/\s+#/)[0]!.trim())).toEqual([
      "npm ci && npm start",
      "npm test",
    ]);
    expect(script.examples.length).toBeGreaterThan(10);
  });

  it.each(script.examples.map((ex) => [`README:${ex.line} ${ex.command.slice(0, 90)}`, ex] as const))(
    "%s",
    async (_, example) => {
      const missing = variablesOf(example.command).filter((v) => !(v in vars));
      expect(missing, "variables no earlier example's answer gave").toEqual([]);
      const { code, stdout, stderr } = await bash(example.command);
      expect(code, `exit ${code}\n${stdout.slice(0, 2000)}\n${stderr.slice(0, 2000)}`).toBe(0);
      for (const { name, path } of example.captures) {
        const value = captured(stdout, path);
        expect(value, `${name} from "${path}" of:\n${stdout.slice(0, 2000)}`).toBeTruthy();
        vars[name] = value!;
      }
    },
    300_000,
  );
});
