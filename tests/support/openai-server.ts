import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer of the test server to a chat completion request. */
export type ScriptedReply =
  | { kind: "text"; text: string }
  | { kind: "tool_calls"; calls: { name: string; args: unknown; id?: string }[] }
  /** Content that is `JSON.stringify(value)`, as structured output. */
  | { kind: "json"; value: unknown }
  /** An HTTP error, e.g. 429 with `retryAfter` seconds, or 500. */
  | { kind: "error"; status: number; retryAfter?: number; message?: string }
  /** Waits `ms` before answering with `then` (default: the default reply); longer than a timeout, it times out. */
  | { kind: "delay"; ms: number; then?: ScriptedReply }
  /** 200 with a body that is not JSON. */
  | { kind: "malformed_body" }
  /** Closes the socket without answering (a connection error). */
  | { kind: "drop" };

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage["headers"];
}

export interface OpenAITestServer {
  /** Base URL for clients, `http://127.0.0.1:<port>/v1`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Requests to /v1/chat/completions. */
  completions(): RecordedRequest[];
  /** Queues replies for the next chat completions, first in first out. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Clears the queue and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface OpenAITestServerOptions {
  /** Reply when the queue is empty (default: the text `ok from the test server`). */
  defaultReply?: (body: Record<string, unknown>) => ScriptedReply;
}

type Completion = { content: string | null; toolCalls: { id: string; name: string; args: string }[] };

/**
 * A local OpenAI-compatible server for tests (127.0.0.1, a free port): chat completions
 * (non-streaming and SSE) from a scripted queue, and deterministic embeddings.
 */
export async function startOpenAIServer(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
  const defaultReply = options.defaultReply ?? (() => ({ kind: "text", text: "ok from the test server" }));
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;

  const answer = (res: ServerResponse, body: Record<string, unknown>, reply: ScriptedReply): void => {
    const n = ++seq;
    switch (reply.kind) {
      case "delay": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer(res, body, reply.then ?? defaultReply(body));
        }, reply.ms);
        timers.add(timer);
        return;
      }
      case "error":
        return sendJson(
          res,
          reply.status,
          { error: { message: reply.message ?? `scripted ${reply.status}` } },
          {
            ...(reply.retryAfter !== undefined ? { "retry-after": String(reply.retryAfter) } : {}),
          },
        );
      case "malformed_body":
        res
          .writeHead(200, { "content-type": "application/json" })
          .end('{"id": "chatcmpl-broken", "choices": [');
        return;
      case "drop":
        res.socket?.destroy();
        return;
      case "text":
        return sendCompletion(res, body, n, { content: reply.text, toolCalls: [] });
      case "json":
        return sendCompletion(res, body, n, { content: JSON.stringify(reply.value), toolCalls: [] });
      case "tool_calls": {
        const toolCalls = reply.calls.map((c, i) => ({
          id: c.id ?? `call_${n}_${i}`,
          name: c.name,
          args: JSON.stringify(c.args),
        }));
        return sendCompletion(res, body, n, { content: null, toolCalls });
      }
    }
  };

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => {
        let body: Record<string, unknown> = {};
        try {
          body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        } catch {
          return sendJson(res, 400, { error: { message: "request body is not JSON" } });
        }
        const path = (req.url ?? "/").split("?")[0] ?? "/";
        requests.push({ path, body, headers: req.headers });
        if (req.method === "POST" && path === "/v1/chat/completions") {
          return answer(res, body, queue.shift() ?? defaultReply(body));
        }
        if (req.method === "POST" && path === "/v1/embeddings") return sendJson(res, 200, embeddings(body));
        sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    completions: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    enqueue: (...replies) => void queue.push(...replies),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function sendCompletion(res: ServerResponse, body: Record<string, unknown>, n: number, c: Completion): void {
  const id = `chatcmpl-test-${n}-${randomUUID().slice(0, 8)}`;
  const prompt = tokens(JSON.stringify(body.messages ?? []));
  const completion = Math.max(
    1,
    tokens(c.content ?? "") + tokens(c.toolCalls.map((t) => t.name + t.args).join("")),
  );
  const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  const finish = c.toolCalls.length > 0 ? "tool_calls" : "stop";
  const toolCalls = c.toolCalls.map((t) => ({
    id: t.id,
    type: "function",
    function: { name: t.name, arguments: t.args },
  }));
  const base = { id, created: Math.floor(Date.now() / 1000), model: String(body.model ?? "test-model") };
  if (body.stream !== true) {
    const message = {
      role: "assistant",
      content: c.content,
      ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
    };
    return sendJson(res, 200, {
      ...base,
      object: "chat.completion",
      choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
      usage,
    });
  }
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices, ...extra })}\n\n`;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  // The first delta carries the role, as OpenAI's does.
  res.write(chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]));
  for (const piece of (c.content ?? "").match(/\S+\s*/g) ?? []) {
    res.write(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
  }
  toolCalls.forEach((t, index) => {
    res.write(chunk([{ index: 0, delta: { tool_calls: [{ index, ...t }] }, finish_reason: null }]));
  });
  res.write(chunk([{ index: 0, delta: {}, finish_reason: finish }]));
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) res.write(chunk([], { usage }));
  res.end("data: [DONE]\n\n");
}

/** Deterministic unit vectors from a hash of each text; `dimensions` from the request (default 1536). */
function embeddings(body: Record<string, unknown>) {
  const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? "")];
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : 1536;
  const data = inputs.map((text, index) => {
    const v = hashVector(text, dimensions);
    const embedding =
      body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v;
    return { object: "embedding", index, embedding };
  });
  const promptTokens = inputs.reduce((sum, t) => sum + tokens(t), 0);
  return {
    object: "list",
    data,
    model: String(body.model ?? "test-embedding"),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function hashVector(text: string, dimensions: number): number[] {
  const v: number[] = [];
  for (let block = 0; v.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}:${text}`).digest();
    for (let i = 0; i + 4 <= digest.length && v.length < dimensions; i += 4) {
      v.push(digest.readUInt32LE(i) / 0xffffffff - 0.5);
    }
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

const tokens = (text: string) => Math.ceil(text.length / 4);

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
