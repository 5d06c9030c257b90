import { z } from "@hono/zod-openapi";
import { ApiError } from "./errors.ts";

/**
 * Cursor paging shared by every list route. A list is sorted by a stable key that ends in the
 * row id (so ties never reorder between pages); the cursor is the sort key of the last row of the
 * page, opaque to clients (base64url JSON). A repository turns it into a keyset condition
 * (`(sort, id) > (cursor…)`), never an offset.
 */

/** The largest page any list route answers. A bigger `limit` is a 400 that says so. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const CursorQuery = z.object({
  limit: z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE} (the maximum page size)` })
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ description: `page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`, example: 50 }),
  cursor: z
    .string()
    .max(2000, { error: "is not a cursor this API gave out" })
    .optional()
    .openapi({ description: "`next_cursor` of the previous page; omit for the first page" }),
});

export type CursorPageQuery = z.infer<typeof CursorQuery>;

export const CursorPageInfo = z
  .object({
    limit: z.number().int(),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: "pass as `cursor` for the next page; null on the last" }),
    total: z.number().int().openapi({ description: "rows matching the filters, over all pages" }),
  })
  .openapi("CursorPageInfo");

/** A sort key value a cursor can hold. */
export type CursorValue = string | number | null;

export function encodeCursor(key: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/**
 * The sort key a cursor holds, checked to have `arity` values of the expected types; undefined
 * when there is no cursor (the first page). A cursor that was not made by `encodeCursor` for this
 * list is a 400 naming `cursor`.
 */
export function decodeCursor(cursor: string | undefined, arity: number): CursorValue[] | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  const ok =
    Array.isArray(key) &&
    key.length === arity &&
    key.every((v) => v === null || typeof v === "string" || typeof v === "number");
  if (!ok) {
    throw new ApiError(
      400,
      "INVALID_CURSOR",
      'query parameter "cursor": is not a cursor of this list',
      "cursor",
    );
  }
  return key as CursorValue[];
}

/**
 * The page info of `rows` fetched with `limit + 1` (the extra row only says there is more):
 * returns the rows to answer and the cursor made from the last one's sort key.
 */
export function cursorPage<T>(
  rows: readonly T[],
  query: CursorPageQuery,
  total: number,
  sortKey: (row: T) => readonly CursorValue[],
): { rows: T[]; page: { limit: number; next_cursor: string | null; total: number } } {
  const more = rows.length > query.limit;
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  return {
    rows: shown,
    page: {
      limit: query.limit,
      next_cursor: more && last !== undefined ? encodeCursor(sortKey(last)) : null,
      total,
    },
  };
}
