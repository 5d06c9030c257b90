import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { inject } from "vitest";
import type { StoreKind } from "./stores.ts";

const SCRIPT = fileURLToPath(new URL("./checkpoint-graph.ts", import.meta.url));

/** A store that child processes can open in turn: a data dir on disk, or a new database. */
export interface SharedStore {
  /** The `<store>` argument of checkpoint-graph.ts. */
  spec: string;
  cleanup(): Promise<void>;
}

export async function sharedStore(kind: StoreKind): Promise<SharedStore> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "crm-ckpt-"));
    return { spec: `embedded:${dir}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = new URL(inject("postgresAdminUrl"));
  const name = `crm_ckpt_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return { spec: `postgres:${url}`, cleanup: async () => {} };
}

const running = new Set<ChildProcess>();

/** Kills graph processes still running (a test that timed out): call in afterAll. */
export function killGraphProcesses(): void {
  for (const child of running) child.kill("SIGKILL");
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs checkpoint-graph.ts in a new Node process. With `killOn`, sends SIGKILL as soon as that
 * line appears on its stdout.
 */
export function runGraphProcess(args: string[], killOn?: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killOn && stdout.split("\n").includes(killOn)) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The JSON line a finished leg printed: the thread's values, next nodes and interrupts. */
export function legResult(result: ChildResult): {
  values: { topic: string; log: string[]; decision: string | null };
  next: string[];
  interrupts: unknown[];
} {
  if (result.code !== 0) {
    throw new Error(`graph process failed (${result.code ?? result.signal}):\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}
