import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { AIMessage } from "@langchain/core/messages";
import { CassetteFileError } from "./errors.ts";
import type { WireMessage } from "./messages.ts";

/** A recorded answer, as the model gave it (masked). */
export interface RecordedAnswer {
  content: unknown;
  tool_calls?: { id: string | null; name: string; args: Record<string, unknown> }[];
  usage: { inputTokens: number; outputTokens: number };
}

/** One cassette entry: a readable summary of the request beside the answer. */
export interface CassetteEntry {
  purpose: string;
  node: string;
  model: string;
  request: { messages: WireMessage[]; tools: string[]; schema: string | null };
  response: RecordedAnswer;
}

interface CassetteFile {
  version: 1;
  entries: Record<string, CassetteEntry>;
}

/**
 * A JSON file of recorded model answers keyed by cassette key. Entries are sorted by key and
 * pretty-printed so re-recording gives a readable diff; every write goes to a temp file that is
 * renamed over the cassette, so a crash never leaves half a file.
 */
export class Cassette {
  readonly file: string;
  #entries: Promise<Map<string, CassetteEntry>> | null = null;
  readonly #recorded = new Map<string, CassetteEntry>();
  #writing: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
  }

  async get(key: string): Promise<CassetteEntry | undefined> {
    this.#entries ??= this.#read();
    return (await this.#entries).get(key);
  }

  /** Adds or overwrites an entry and writes the file (writes are serialised). */
  async put(key: string, entry: CassetteEntry): Promise<void> {
    this.#entries ??= this.#read();
    (await this.#entries).set(key, entry);
    this.#recorded.set(key, entry);
    const write = this.#writing.then(() => this.#write());
    this.#writing = write.catch(() => {});
    await write;
  }

  async #read(): Promise<Map<string, CassetteEntry>> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw new CassetteFileError(this.file, (err as Error).message);
    }
    let parsed: Partial<CassetteFile>;
    try {
      parsed = JSON.parse(text) as Partial<CassetteFile>;
    } catch (err) {
      throw new CassetteFileError(this.file, `invalid JSON (${(err as Error).message})`);
    }
    if (parsed.version !== 1 || typeof parsed.entries !== "object" || parsed.entries === null) {
      throw new CassetteFileError(this.file, 'expected { "version": 1, "entries": { … } }');
    }
    return new Map(Object.entries(parsed.entries));
  }

  async #write(): Promise<void> {
    // Merge with what is on disk now, so another process recording into the same file keeps its entries.
    const onDisk = await this.#read();
    for (const [key, entry] of this.#recorded) onDisk.set(key, entry);
    const entries = Object.fromEntries([...onDisk].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const body: CassetteFile = { version: 1, entries };
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, "utf8");
    await rename(temp, this.file);
  }
}

/** What a cassette stores of a (masked) AI answer. */
export function toRecordedAnswer(answer: AIMessage): RecordedAnswer {
  const recorded: RecordedAnswer = {
    content: answer.content,
    usage: {
      inputTokens: answer.usage_metadata?.input_tokens ?? 0,
      outputTokens: answer.usage_metadata?.output_tokens ?? 0,
    },
  };
  if (answer.tool_calls?.length) {
    recorded.tool_calls = answer.tool_calls.map((c) => ({ id: c.id ?? null, name: c.name, args: c.args }));
  }
  return recorded;
}

/**
 * The AI message of a recorded answer. It gets a fresh id: two identical calls in one run must not
 * be merged by the messages reducer.
 */
export function fromRecordedAnswer(recorded: RecordedAnswer): AIMessage {
  const { inputTokens, outputTokens } = recorded.usage;
  return new AIMessage({
    id: `cassette-${randomUUID()}`,
    content: recorded.content as AIMessage["content"],
    tool_calls: recorded.tool_calls?.map((c) => ({
      ...c,
      id: c.id ?? undefined,
      type: "tool_call" as const,
    })),
    usage_metadata: {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
    },
  });
}
