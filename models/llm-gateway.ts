import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { budgetFailure, callWithRetries, type AttemptSettings } from "./attempts.ts";
import { fromRecordedAnswer, type Cassette, type CassetteEntry } from "./cassette.ts";
import { cassetteKey } from "./cassette-key.ts";
import { CassetteMissError } from "./errors.ts";
import { offlineResult } from "./offline.ts";
import { interpretAnswer } from "./output.ts";
import { cassetteEntry, invokeModel, preparePrompt, promptRecord, type PreparedPrompt } from "./prompt.ts";
import type { Failure } from "./retry.ts";
import type { ModelGateway, ModelRequest, ModelResult, ModelRunContext, Usage } from "./types.ts";

/** The logging the model layer does; a pino logger fits. */
export interface ModelLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the LLM gateway is built from (resolved by createModelGateway). */
export interface LlmGatewaySettings {
  model: string;
  label: string;
  /** Null when no endpoint is configured (replay modes only): a cassette miss cannot go live. */
  chatModel: BaseChatModel | null;
  cassetteMode: "off" | "record" | "replay" | "replay-or-fail";
  cassette: Cassette;
  attempts: AttemptSettings;
  logger: ModelLogger;
}

/** Answers from an OpenAI-compatible chat model, through budgets, PII masking, cassettes and retries. */
export class LlmGateway implements ModelGateway {
  readonly offline = false;
  readonly label: string;
  readonly #s: LlmGatewaySettings;

  constructor(settings: LlmGatewaySettings) {
    this.#s = settings;
    this.label = settings.label;
  }

  async call<T>(request: ModelRequest<T>, run: ModelRunContext): Promise<ModelResult<T>> {
    const { model, cassetteMode, cassette, chatModel, logger } = this.#s;
    const prompt = preparePrompt(request);
    const breach = run.meter.admit();
    if (breach) return this.#fallback(request, run, budgetFailure(breach));
    const { wire: messages, tools, jsonSchema } = prompt;
    const key =
      cassetteMode === "off" ? "" : cassetteKey({ model, messages, tools, responseFormat: jsonSchema });

    if (cassetteMode === "replay" || cassetteMode === "replay-or-fail") {
      const hit = await cassette.get(key);
      if (hit) return this.#replay(request, run, prompt, hit);
      if (cassetteMode === "replay-or-fail") {
        throw new CassetteMissError(request.purpose, request.node, model, key, cassette.file);
      }
    }
    if (!chatModel) {
      const failure: Failure = { kind: "fatal", reason: "cassette_miss", detail: `no entry ${key}` };
      return this.#fallback(request, run, failure);
    }

    await run.onPrompt?.(promptRecord(request, this.label, prompt));
    const outcome = await callWithRetries(
      (signal) => invokeModel(chatModel, request, prompt, signal),
      (answer) => interpretAnswer(answer, request, prompt.masker),
      {
        admit: () => run.meter.admit(),
        onUsage: (u) => run.meter.record(request.node, u),
        onRetry: ({ reason, detail }, attempt, delayMs) =>
          logger.warn(
            { ...this.#where(request), reason, detail, attempt, delayMs },
            "model call failed; retrying",
          ),
      },
      this.#s.attempts,
    );
    if (!outcome.ok) return this.#fallback(request, run, outcome.failure, outcome.usage);
    if (cassetteMode === "record")
      await cassette.put(key, cassetteEntry(request, model, prompt, outcome.answer));
    return this.#answer(outcome.value, this.label, outcome.usage, run);
  }

  /** A recorded answer: no HTTP, its recorded usage, labelled `cassette:<model>`. */
  async #replay<T>(
    request: ModelRequest<T>,
    run: ModelRunContext,
    prompt: PreparedPrompt,
    hit: CassetteEntry,
  ) {
    const { inputTokens, outputTokens } = hit.response.usage;
    const usage: Usage = { calls: 1, inputTokens, outputTokens };
    run.meter.record(request.node, usage);
    const label = `cassette:${this.#s.model}`;
    await run.onPrompt?.(promptRecord(request, label, prompt));
    try {
      const value = interpretAnswer(fromRecordedAnswer(hit.response), request, prompt.masker);
      return this.#answer(value, label, usage, run);
    } catch (err) {
      const failure: Failure = { kind: "malformed", reason: "malformed", detail: (err as Error).message };
      return this.#fallback(request, run, failure, usage);
    }
  }

  #answer<T>(value: T, label: string, usage: Usage, run: ModelRunContext): ModelResult<T> {
    run.meter.noteProvider(label, false);
    return { value, usage, label, provider: "llm", model: this.#s.model, degraded: false };
  }

  #fallback<T>(request: ModelRequest<T>, run: ModelRunContext, failure: Failure, usage?: Usage) {
    const log = { ...this.#where(request), reason: failure.reason, detail: failure.detail };
    // A rejected request (400/401/404 …) or an unknown error is a configuration or code problem, not bad luck.
    if (failure.kind === "fatal" && (failure.reason.startsWith("http_") || failure.reason === "error")) {
      this.#s.logger.error(log, "model call rejected; answering offline");
    } else {
      this.#s.logger.warn(log, "model call failed; answering offline");
    }
    return offlineResult(request, run, { reason: failure.reason, ...(usage ? { usage } : {}) });
  }

  #where(request: ModelRequest<unknown>) {
    return { purpose: request.purpose, node: request.node, model: this.#s.model };
  }
}
