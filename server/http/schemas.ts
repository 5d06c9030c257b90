import { z } from "@hono/zod-openapi";

/** Schemas shared by several routes; each route file holds its own resource's schemas. */

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "VALIDATION_FAILED" }),
      message: z.string().openapi({ example: 'body "target.kind": Invalid option' }),
      field: z.string().optional().openapi({ example: "target.kind" }),
    }),
  })
  .openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: { description: "Bad input: the body names the field", content: errorContent },
  401: { description: "Missing, unknown or revoked API key", content: errorContent },
  403: { description: "The key lacks the scope", content: errorContent },
  404: { description: "Not found (another tenant's id answers the same)", content: errorContent },
  413: { description: "Body larger than the limit", content: errorContent },
  429: { description: "Rate limit of the key; see Retry-After", content: errorContent },
} as const;

export const conflictResponse = { 409: { description: "Conflict", content: errorContent } } as const;

export const Uuid = z.uuid({ error: "must be a uuid" });

export const IdParam = z.object({
  id: Uuid.openapi({ param: { name: "id", in: "path" }, example: "7d0f2c1e-2a51-4c5e-9b7e-0c1f5d2a9e10" }),
});

/** `limit` (1–200, default 50) and `offset` (default 0) of a list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).openapi({ example: 0 }),
});

export const PageInfo = z
  .object({
    limit: z.number().int(),
    offset: z.number().int(),
    /** The offset of the next page, or null on the last one. */
    next_offset: z.number().int().nullable(),
  })
  .openapi("PageInfo");

export function pageInfo(page: { limit: number; offset: number }, more: boolean) {
  return { limit: page.limit, offset: page.offset, next_offset: more ? page.offset + page.limit : null };
}

/** An ISO 8601 timestamp with a time zone offset (query parameters). */
export const Timestamp = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with offset, e.g. 2026-11-22T09:00:00Z" })
  .transform((v) => new Date(v));

/** Dates in answers are ISO strings. */
export const IsoDate = z.string().openapi({ format: "date-time", example: "2026-11-22T03:00:00.000Z" });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
