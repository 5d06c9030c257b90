/** Base class of every error the model layer raises; `code` is stable and safe to match on. */
export class ModelLayerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The LLM_* configuration cannot work; raised at start-up, the message names the variable. */
export class ModelConfigError extends ModelLayerError {
  constructor(message: string) {
    super("MODEL_CONFIG", message);
  }
}

/** A call site asked for something the gateway cannot do (e.g. both `schema` and `tools`). */
export class ModelRequestError extends ModelLayerError {
  constructor(purpose: string, reason: string) {
    super("MODEL_REQUEST_INVALID", `Model request ${purpose}: ${reason}`);
  }
}

/** `replay-or-fail` found no recorded answer: record the cassette again, never fall back silently. */
export class CassetteMissError extends ModelLayerError {
  constructor(
    readonly purpose: string,
    readonly node: string,
    readonly model: string,
    readonly key: string,
    readonly file: string,
  ) {
    super(
      "CASSETTE_MISS",
      `No recorded answer for purpose "${purpose}" (node "${node}", model "${model}", key ${key}) ` +
        `in cassette ${file}. Re-record it with LLM_CASSETTE_MODE=record.`,
    );
  }
}

/** The cassette file exists but is not a cassette this code can read. */
export class CassetteFileError extends ModelLayerError {
  constructor(file: string, reason: string) {
    super("CASSETTE_INVALID", `Cassette ${file} cannot be read: ${reason}`);
  }
}
