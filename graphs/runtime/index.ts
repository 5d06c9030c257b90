export type { Deps } from "./deps.ts";
export type { AgentDefinition, RunnableGraph } from "./agent.ts";
export { runAgent, resumeRun, continueRun } from "./runs.ts";
export type { RunRequest } from "./runs.ts";
export type { RunLeg } from "./execute.ts";
export { runScope, toolContext, modelContext } from "./scope.ts";
export type { RunScope } from "./scope.ts";
export { RunError, RunNotFoundError, RunStateError, RunScopeMissingError, RunHaltedError } from "./errors.ts";
export { decideDraft, decideRunDrafts, queueRunDecisions, resumeDecidedRun } from "./approval.ts";
export type {
  ApprovalRequest,
  ApprovalAnswer,
  RestOfRun,
  ResumeJobSink,
  StoredDecisions,
} from "./approval.ts";
export { askForApproval } from "./ask-approval.ts";
export {
  TargetBusyError,
  RunCancelledError,
  TargetNotFoundError,
  BudgetAboveMaximumError,
} from "./errors.ts";
export { admitRun, checkedBudget } from "./admit.ts";
export type { AdmitRequest, AdmittedRun } from "./admit.ts";
export { enqueueRun, executeQueuedRun } from "./queued.ts";
export type { RunJobSink, BusyPolicy, QueuedRunRequest, EnqueuedRun, QueuedRunResult } from "./queued.ts";
export { cancelRun, CANCEL_POLL_MS } from "./cancel.ts";
export { waitForRun } from "./wait.ts";
export type { RunWait } from "./wait.ts";
