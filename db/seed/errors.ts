import { DbError } from "../errors.ts";

/** A seed option out of range (accounts ≤ 0, an unparsable as-of date …); nothing was written. */
export class SeedOptionsError extends DbError {
  constructor(message: string) {
    super("SEED_OPTIONS_INVALID", message);
  }
}
