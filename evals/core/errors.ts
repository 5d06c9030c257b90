/** An eval error the user can fix; the message says what is wrong. `code` is stable. */
export class EvalError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "EvalError";
  }
}

/** A suite name that matches no suite; lists the known ones. */
export class UnknownSuiteError extends EvalError {
  constructor(name: string, known: readonly string[]) {
    super("UNKNOWN_SUITE", `unknown eval suite "${name}"; known: ${known.join(", ")}`);
  }
}

/** A thresholds file or a report that cannot be read or does not have the expected shape. */
export class EvalFileError extends EvalError {
  constructor(file: string, problem: string) {
    super("EVAL_FILE_INVALID", `${file}: ${problem}`);
  }
}
