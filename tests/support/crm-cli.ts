import { execFile } from "node:child_process";
import { promisify } from "node:util";

const CRM = new URL("../../bin/crm.js", import.meta.url).pathname;
const exec = promisify(execFile);

/**
 * Runs the real `crm` binary with the given environment (no DATABASE_URL, no LLM unless set);
 * resolves with exit code and output whatever the code.
 */
export async function crm(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CRM, ...args], {
      env: { ...process.env, LOG_LEVEL: "warn", DATABASE_URL: "", LLM_MODEL: "", ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
