import type { Usage } from "./types.ts";

/** Per-run limits. A run that passes one stops at the next node boundary (`budget_exceeded`). */
export interface Budget {
  maxLlmCalls: number;
  maxTokens: number;
  maxWallMs: number;
}

export type BudgetName = "max_llm_calls" | "max_tokens" | "max_wall_ms";

export interface BudgetBreach {
  budget: BudgetName;
  limit: number;
  used: number;
}

/** Usage as stored on `agent_runs.usage`. */
export interface UsageReport {
  total: Usage;
  byNode: Record<string, Usage>;
  wallMs: number;
}

const zero = (): Usage => ({ calls: 0, inputTokens: 0, outputTokens: 0 });

/**
 * Counts one run's model usage per node against its budget, and remembers whether any answer
 * was a degraded fallback and which providers answered.
 */
export class RunMeter {
  readonly budget: Budget;
  readonly #now: () => number;
  readonly #startedAt: number;
  readonly #byNode = new Map<string, Usage>();
  readonly #labels = new Set<string>();
  #degraded = false;
  #breach: BudgetBreach | null = null;

  /**
   * `usage` is what earlier legs of the same run used (before an interrupt or a crash): calls,
   * tokens and wall time carry on from there. Wall time counts only while the run is active, not
   * while it waits for a person.
   */
  constructor(budget: Budget, options: { now?: () => number; usage?: Partial<UsageReport> } = {}) {
    this.budget = budget;
    this.#now = options.now ?? Date.now;
    this.#startedAt = this.#now() - (options.usage?.wallMs ?? 0);
    for (const [node, u] of Object.entries(options.usage?.byNode ?? {})) this.#byNode.set(node, { ...u });
  }

  record(node: string, usage: Usage): void {
    const u = this.#byNode.get(node) ?? zero();
    u.calls += usage.calls;
    u.inputTokens += usage.inputTokens;
    u.outputTokens += usage.outputTokens;
    this.#byNode.set(node, u);
  }

  /** Notes who answered; `degraded` marks the run degraded for good. */
  noteProvider(label: string, degraded: boolean): void {
    this.#labels.add(label);
    if (degraded) this.#degraded = true;
  }

  get degraded(): boolean {
    return this.#degraded;
  }

  /** Every provider label that answered in this run, sorted. */
  get providers(): string[] {
    return [...this.#labels].sort();
  }

  report(): UsageReport {
    const total = zero();
    for (const u of this.#byNode.values()) {
      total.calls += u.calls;
      total.inputTokens += u.inputTokens;
      total.outputTokens += u.outputTokens;
    }
    return { total, byNode: Object.fromEntries(this.#byNode), wallMs: this.#now() - this.#startedAt };
  }

  /**
   * Asks to make one more LLM call. Returns null when it fits the budget; otherwise the breach,
   * which is remembered: the caller answers from the offline provider and the run stops at the
   * next node boundary.
   */
  admit(): BudgetBreach | null {
    const { total, wallMs } = this.report();
    const tokens = total.inputTokens + total.outputTokens;
    const breach: BudgetBreach | null =
      total.calls >= this.budget.maxLlmCalls
        ? { budget: "max_llm_calls", limit: this.budget.maxLlmCalls, used: total.calls }
        : tokens >= this.budget.maxTokens
          ? { budget: "max_tokens", limit: this.budget.maxTokens, used: tokens }
          : wallMs >= this.budget.maxWallMs
            ? { budget: "max_wall_ms", limit: this.budget.maxWallMs, used: wallMs }
            : null;
    if (breach && !this.#breach) this.#breach = breach;
    return breach;
  }

  /** The budget that ran out, or null: a refused call, tokens over the limit or wall time over it. */
  exceeded(): BudgetBreach | null {
    if (this.#breach) return this.#breach;
    const { total, wallMs } = this.report();
    const tokens = total.inputTokens + total.outputTokens;
    if (tokens > this.budget.maxTokens)
      return { budget: "max_tokens", limit: this.budget.maxTokens, used: tokens };
    if (wallMs > this.budget.maxWallMs)
      return { budget: "max_wall_ms", limit: this.budget.maxWallMs, used: wallMs };
    return null;
  }
}
