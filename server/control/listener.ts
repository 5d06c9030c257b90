import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Runs one command line; `write` streams its output; resolves with its exit code. */
export type CommandRunner = (
  argv: string[],
  cwd: string,
  write: (stream: "stdout" | "stderr", text: string) => void,
) => Promise<number>;

export const CONTROL_PATH = "/cli";
export const TOKEN_HEADER = "x-crm-control-token";
const MAX_BODY_BYTES = 64 * 1024;
const HEARTBEAT_MS = 10_000;

export interface ControlListener {
  url: string;
  stop(): Promise<void>;
}

/**
 * The control endpoint of a serving process: `POST /cli` on 127.0.0.1 only (its own port, never
 * the public API's, and not in the OpenAPI document), refusing peers that are not loopback and
 * requests without the token. The answer streams NDJSON: `{"stdout": text}`, `{"stderr": text}`,
 * `{}` as a heartbeat every 10 s, and last `{"exit": code}`.
 */
export function startControlListener(token: string, run: CommandRunner): Promise<ControlListener> {
  const expected = Buffer.from(token);
  const server = createServer((req, res) => {
    handle(req, res, expected, run).catch(() => res.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, token: Buffer, run: CommandRunner) {
  if (!isLoopback(req.socket.remoteAddress)) return refuse(res, 403, "FORBIDDEN", "loopback peers only");
  if (req.method !== "POST" || req.url !== CONTROL_PATH)
    return refuse(res, 404, "ROUTE_NOT_FOUND", `no route ${req.method} ${req.url}`);
  const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ""));
  if (given.length !== token.length || !timingSafeEqual(given, token))
    return refuse(res, 401, "UNAUTHENTICATED", `a valid ${TOKEN_HEADER} header is required`);
  const body = await readBody(req);
  if (body === null) return refuse(res, 413, "PAYLOAD_TOO_LARGE", `body over ${MAX_BODY_BYTES} bytes`);
  const input = parseInput(body);
  if (typeof input === "string") return refuse(res, 400, "VALIDATION_FAILED", input, "argv");
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  const send = (value: object) => res.write(`${JSON.stringify(value)}\n`);
  const beat = setInterval(() => send({}), HEARTBEAT_MS);
  try {
    const code = await run(input.argv, input.cwd, (stream, text) => send({ [stream]: text }));
    send({ exit: code });
  } finally {
    clearInterval(beat);
    res.end();
  }
}

function parseInput(body: string): { argv: string[]; cwd: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return "the body must be JSON: {argv: string[], cwd: string}";
  }
  const { argv, cwd } = (value ?? {}) as { argv?: unknown; cwd?: unknown };
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === "string"))
    return "argv is required: the command line as a list of strings";
  if (typeof cwd !== "string" || cwd === "") return "cwd is required: the caller's working directory";
  return { argv, cwd };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

function refuse(res: ServerResponse, status: number, code: string, message: string, field?: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } }));
}
