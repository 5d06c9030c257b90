import { CONTROL_PATH, TOKEN_HEADER } from "./listener.ts";
import type { ControlInfo } from "./file.ts";

/** The serving process did not take the command (not listening, refused it): `reason` says why. */
export class ControlUnreachableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ControlUnreachableError";
  }
}

/**
 * Sends a command line to a serving process's control endpoint and streams its output to
 * `write` as it comes. Resolves with the command's exit code.
 */
export async function forwardCommand(
  info: ControlInfo,
  argv: string[],
  cwd: string,
  write: (stream: "stdout" | "stderr", text: string) => void,
): Promise<number> {
  let res: Response;
  try {
    res = await fetch(`${info.url}${CONTROL_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", [TOKEN_HEADER]: info.token },
      body: JSON.stringify({ argv, cwd }),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new ControlUnreachableError(`${info.url} did not answer (${cause?.code ?? cause?.message ?? err})`);
  }
  if (res.status !== 200 || !res.body) {
    const text = await res.text();
    throw new ControlUnreachableError(`${info.url} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  let exit: number | null = null;
  let pending = "";
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    pending += decoder.decode(read.value, { stream: true });
    let newline: number;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const message = JSON.parse(line) as { stdout?: string; stderr?: string; exit?: number };
      if (message.stdout !== undefined) write("stdout", message.stdout);
      if (message.stderr !== undefined) write("stderr", message.stderr);
      if (message.exit !== undefined) exit = message.exit;
    }
  }
  if (exit === null)
    throw new ControlUnreachableError(`${info.url} closed the answer before the command finished`);
  return exit;
}
