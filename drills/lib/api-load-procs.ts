import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CRM = fileURLToPath(new URL("../../bin/crm.js", import.meta.url));

/** A `crm serve` child process of the drill. */
export interface ServeProcess {
  role: "api" | "worker";
  pid: number;
  /** The API's base URL (api role). */
  url: string | null;
  /** Exit code or signal once it exited, else null. */
  exited(): string | null;
  stop(): Promise<void>;
}

/**
 * Starts `crm serve --role <role> --port 0` with `env` (DATABASE_URL, REDIS_URL …) and waits for its
 * ready line on stdout. Its stderr (JSON logs) goes to `logFile`.
 */
export async function startServe(
  role: "api" | "worker",
  env: Record<string, string>,
  logFile: string,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CRM, "serve", "--role", role, "--port", "0"], {
    env: { ...process.env, LOG_LEVEL: "warn", LLM_MODEL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile, { flags: "a" });
  child.stderr!.pipe(log);
  let exit: string | null = null;
  child.once("exit", (code, signal) => (exit = signal ?? String(code)));
  const url = await readyLine(child, role, logFile);
  return {
    role,
    pid: child.pid!,
    url,
    exited: () => exit,
    stop: async () => {
      if (exit !== null) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await done;
      clearTimeout(timer);
    },
  };
}

function readyLine(child: ChildProcess, role: string, logFile: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`crm serve --role ${role} not ready in 60 s`)), 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(new Error(`${err.message}; its log: ${logFile}\n${out}`));
    };
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const api = /API at (http:\/\/\S+?),/.exec(out);
      if (api || /worker on the/.test(out)) {
        clearTimeout(timer);
        resolve(api ? api[1]! : null);
      }
    });
    child.once("exit", (code) => fail(new Error(`crm serve --role ${role} exited with ${code}`)));
  });
}

/** Resident set size of a process in MB (from /proc), or null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}
