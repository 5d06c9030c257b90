import type { AIMessage } from "@langchain/core/messages";
import type { BudgetBreach } from "./meter.ts";
import { backoffDelay, classifyError, type BackoffOptions, type Failure } from "./retry.ts";
import type { Usage } from "./types.ts";

/** Timing of live calls. */
export interface AttemptSettings {
  /** Per-attempt timeout (LLM_TIMEOUT_MS). */
  timeoutMs: number;
  /** Retries of transient failures (LLM_MAX_RETRIES); malformed output is retried once. */
  maxRetries: number;
  /** Bound on one call's total time, retries and backoff included. */
  totalTimeoutMs: number;
  backoff: BackoffOptions;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

export interface AttemptHooks {
  /** Asked before every retry; a breach ends the call. */
  admit: () => BudgetBreach | null;
  /** Usage of each answered attempt, as it happens. */
  onUsage: (usage: Usage) => void;
  onRetry: (failure: Failure, attempt: number, delayMs: number) => void;
}

export type LiveOutcome<T> =
  { ok: true; value: T; answer: AIMessage; usage: Usage } | { ok: false; failure: Failure; usage: Usage };

/**
 * Calls the model until an answer interprets cleanly: transient failures (timeout, 429, 5xx,
 * network) are retried with backoff up to `maxRetries`, malformed output once; fatal ones
 * (other 4xx) end at once. Never runs past `totalTimeoutMs`, even if the model ignores its signal.
 */
export async function callWithRetries<T>(
  invoke: (signal: AbortSignal) => Promise<AIMessage>,
  interpret: (answer: AIMessage) => T,
  hooks: AttemptHooks,
  settings: AttemptSettings,
): Promise<LiveOutcome<T>> {
  const deadline = settings.now() + settings.totalTimeoutMs;
  const usage: Usage = { calls: 0, inputTokens: 0, outputTokens: 0 };
  let transient = 0;
  let malformed = 0;
  const count = (u: Usage) => {
    usage.calls += u.calls;
    usage.inputTokens += u.inputTokens;
    usage.outputTokens += u.outputTokens;
    hooks.onUsage(u);
  };
  let last: Failure = { kind: "transient", reason: "timeout", detail: "no time left for a call" };
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      const breach = hooks.admit();
      if (breach) return { ok: false, failure: budgetFailure(breach), usage };
    }
    const remaining = deadline - settings.now();
    if (remaining <= 0) return { ok: false, failure: last, usage };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(settings.timeoutMs, remaining));
    let answered = false;
    try {
      const answer = await Promise.race([invoke(controller.signal), rejectOnAbort(controller.signal)]);
      answered = true;
      count({
        calls: 1,
        inputTokens: answer.usage_metadata?.input_tokens ?? 0,
        outputTokens: answer.usage_metadata?.output_tokens ?? 0,
      });
      return { ok: true, value: interpret(answer), answer, usage };
    } catch (err) {
      last = classifyError(err, controller.signal.aborted);
      if (last.kind === "fatal") return { ok: false, failure: last, usage };
      if (last.kind === "malformed") {
        // The server answered (the client could not parse it): a call, with tokens unknown.
        if (!answered) count({ calls: 1, inputTokens: 0, outputTokens: 0 });
        if (malformed++ >= 1) return { ok: false, failure: last, usage };
        hooks.onRetry(last, attempt, 0);
        continue;
      }
      if (transient >= settings.maxRetries) return { ok: false, failure: last, usage };
      const delay = backoffDelay(transient++, last.retryAfterMs, settings.random, settings.backoff);
      if (settings.now() + delay >= deadline) return { ok: false, failure: last, usage };
      hooks.onRetry(last, attempt, delay);
      await settings.sleep(delay);
    } finally {
      clearTimeout(timer);
    }
  }
}

export function budgetFailure(breach: BudgetBreach): Failure {
  return {
    kind: "fatal",
    reason: `budget:${breach.budget}`,
    detail: `${breach.budget} reached (${breach.used} of ${breach.limit})`,
  };
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(new Error("the model call timed out")), { once: true });
  });
}
