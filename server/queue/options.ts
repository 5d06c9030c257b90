/** Retry and retention settings both queue kinds apply to every job. */
export interface JobPolicy {
  /** Attempts of a failing job, the first included (default 3). */
  attempts: number;
  /** First retry delay; doubles per attempt (default 1000 ms). */
  backoffMs: number;
  /** Finished jobs kept (for the no-op re-add by id, and for inspection), newest first (default 1000). */
  keepFinished: number;
}

export const DEFAULT_JOB_POLICY: JobPolicy = { attempts: 3, backoffMs: 1000, keepFinished: 1000 };

/** The job id of a run's job: re-adding it is a no-op while the job is kept. */
export const runJobId = (runId: string) => `run-${runId}`;
/** The job id of a decided run's resume: the decisions ask for it once, however often they are sent. */
export const resumeJobId = (runId: string) => `resume-${runId}`;
/** The job id of a plan flow's parent, and of its batch children. */
export const planJobId = (planKey: string) => `plan-${planKey}`;
export const planBatchJobId = (planKey: string, batch: number) => `plan-${planKey}-b${batch}`;
