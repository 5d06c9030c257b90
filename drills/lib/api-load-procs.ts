import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CRM = fileURLToPath(new URL("../../bin/crm.js", import.meta.url));

/** One full (mark-compact) garbage collection of a child, from its `--trace-gc` lines. */
export interface MajorGc {
  /** The V8 isolate (`0x…` in the line): the main thread's, or a worker thread's (pino's transport). */
  isolate: string;
  /** When the drill read the line (performance.now() of the drill's process). */
  atMs: number;
  /** The V8 heap before and after it: after a full collection, what the process still holds. */
  beforeMb: number;
  afterMb: number;
}

/** A `crm serve` child process of the drill. */
export interface ServeProcess {
  role: "api" | "worker";
  pid: number;
  /** Its full garbage collections so far (the child runs with `--trace-gc`). */
  majorGcs: MajorGc[];
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
  // --trace-gc prints each collection to stdout: the heap a process keeps after its full
  // collections tells a leak from the sawtooth of a heap that grows until V8 collects it
  const child = spawn(process.execPath, ["--trace-gc", CRM, "serve", "--role", role, "--port", "0"], {
    env: { ...process.env, LOG_LEVEL: "warn", LLM_MODEL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile, { flags: "a" });
  child.stderr!.pipe(log);
  let exit: string | null = null;
  child.once("exit", (code, signal) => (exit = signal ?? String(code)));
  const majorGcs: MajorGc[] = [];
  const url = await readyLine(child, role, logFile);
  traceMajorGcs(child, majorGcs);
  return {
    role,
    pid: child.pid!,
    majorGcs,
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
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const api = /API at (http:\/\/\S+?),/.exec(out);
      if (api || /worker on the/.test(out)) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve(api ? api[1]! : null);
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => fail(new Error(`crm serve --role ${role} exited with ${code}`)));
  });
}

// "[pid:0x…]  81234 ms: Mark-Compact (reduce) 180.2 (200.1) -> 120.3 (201.0) MB, …"
const MARK_COMPACT =
  /\[\d+:(0x[0-9a-f]+)\].*Mark-Compact(?: \(reduce\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

/** Reads the child's stdout for good (so it never blocks on a full pipe), keeping its full collections. */
function traceMajorGcs(child: ChildProcess, into: MajorGc[]): void {
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      const m = MARK_COMPACT.exec(line);
      if (m)
        into.push({ isolate: m[1]!, atMs: performance.now(), beforeMb: Number(m[2]), afterMb: Number(m[3]) });
    }
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
