/** Errors of the queue layer, with stable codes. */
export class QueueError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Thrown by a job handler for a failure another attempt cannot fix (the run does not exist, an
 * unknown agent …): the job fails at once instead of being retried. BullMQ gets its
 * UnrecoverableError; the in-process runner does the same.
 */
export class UnrecoverableJobError extends QueueError {
  constructor(message: string, cause?: unknown) {
    super("JOB_UNRECOVERABLE", message);
    if (cause !== undefined) this.cause = cause;
  }
}

/** The queue's worker was started twice, or used after close(). */
export class QueueStateError extends QueueError {
  constructor(message: string) {
    super("QUEUE_STATE", message);
  }
}
