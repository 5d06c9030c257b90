import { z } from "@hono/zod-openapi";
import { validationError } from "../http/errors.ts";

/** Protocol payloads are loose objects: the SDK sends fields this server does not use. */
export const Loose = z.record(z.string(), z.unknown());

export const Answer = (description: string) => ({
  description,
  content: { "application/json": { schema: z.unknown() } },
});

/** A JSON body that may be absent (the SDK sends none for some calls). */
export const looseBody = <T extends z.ZodType>(schema: T) => ({
  required: false,
  content: { "application/json": { schema } },
});

const uuid = z.uuid({ error: "must be a uuid" });
export const ThreadParam = z.object({ thread_id: uuid });
export const RunParam = z.object({ thread_id: uuid, run_id: uuid });
export const AssistantParam = z.object({ assistant_id: z.string().min(1).max(200) });

export const Paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(10),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** The validated JSON body, or the schema's defaults when the request sent none. */
export function bodyOf<T extends z.ZodType>(sent: unknown, schema: T): z.infer<T> {
  const parsed = schema.safeParse(sent ?? {});
  if (!parsed.success) throw validationError("json", parsed.error);
  return parsed.data;
}
