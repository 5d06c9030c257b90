import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The control file a serving process leaves in its embedded data directory. */
export const CONTROL_FILE = "serve.json";

/** What a serving process announces to `crm` commands started beside it. */
export interface ControlInfo {
  pid: number;
  /** The loopback control endpoint, `http://127.0.0.1:<port>`. */
  url: string;
  /** A random secret; a request without it is refused. */
  token: string;
  /** The command line that started the process, e.g. `crm start --port 0`. */
  command: string;
  startedAt: string;
}

export function newControlToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Writes the control file, readable by its owner only (mode 0600: the token lets a reader run
 * any `crm` command in the process, as reading the data directory's files would anyway).
 * Written to a temporary name and renamed, so a reader never sees half of it.
 */
export function writeControlFile(dataDir: string, info: ControlInfo): void {
  const path = join(dataDir, CONTROL_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Removes the control file if it is still this process's. */
export function removeControlFile(dataDir: string, pid: number = process.pid): void {
  if (readControlFile(dataDir)?.pid === pid) rmSync(join(dataDir, CONTROL_FILE), { force: true });
}

/** The control file of a data directory, or null when there is none (or it is unreadable). */
export function readControlFile(dataDir: string): ControlInfo | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, CONTROL_FILE), "utf8");
  } catch {
    return null;
  }
  try {
    const info = JSON.parse(text) as Partial<ControlInfo>;
    if (typeof info.pid !== "number" || typeof info.url !== "string" || typeof info.token !== "string")
      return null;
    return {
      pid: info.pid,
      url: info.url,
      token: info.token,
      command: String(info.command ?? "crm"),
      startedAt: String(info.startedAt ?? ""),
    };
  } catch {
    return null;
  }
}
