import { DbError } from "../../errors.ts";

/**
 * A mapping file that cannot be used: bad YAML/JSON, a key zod rejects, or a mapping that does
 * not fit the target table or the CSV header. Each issue names the key at fault
 * (`fields.priority.column: …`), so the file can be fixed without reading code.
 */
export class MappingError extends DbError {
  constructor(
    readonly origin: string,
    readonly issues: string[],
  ) {
    super("MAPPING_INVALID", [`Invalid mapping ${origin}:`, ...issues.map((i) => `  ${i}`)].join("\n"));
  }
}
