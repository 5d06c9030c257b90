import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { MappingError } from "./errors.ts";
import { mappingSchema, type Mapping } from "./schema.ts";

/**
 * Reads and validates a mapping file: `.json` is JSON, anything else YAML (a superset of JSON).
 * Throws a MappingError naming the file and every bad key.
 */
export async function loadMapping(path: string): Promise<Mapping> {
  const text = await readFile(path, "utf8").catch((err: Error) => {
    throw new MappingError(path, [`cannot read the file: ${err.message}`]);
  });
  let data: unknown;
  try {
    data = extname(path).toLowerCase() === ".json" ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    throw new MappingError(path, [
      `not valid ${extname(path) === ".json" ? "JSON" : "YAML"}: ${(err as Error).message}`,
    ]);
  }
  return parseMapping(data, path);
}

/** Validates a mapping already parsed into plain data; `origin` names it in errors. */
export function parseMapping(data: unknown, origin = "mapping"): Mapping {
  const result = mappingSchema.safeParse(data);
  if (!result.success) throw new MappingError(origin, result.error.issues.map(describeIssue));
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.reduce<string>(
    (acc, part) =>
      typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
    "",
  );
  // zod says "expected object, received undefined" for a key that is simply not there
  const missing = issue.code === "invalid_type" && issue.message.endsWith("received undefined");
  return `${at || "(top level)"}: ${missing ? `required (${issue.expected})` : issue.message}`;
}
