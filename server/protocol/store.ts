import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../db/index.ts";
import {
  deleteStoreItem,
  getStoreItem,
  listStoreNamespaces,
  putStoreItem,
  searchStoreItems,
  type StoreItem,
} from "../../db/queries/protocol-store.ts";
import { openTenantMemory } from "../../memory/index.ts";
import { requireScope } from "../http/auth.ts";
import type { AppContext } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { router } from "../http/router.ts";
import { errorResponses } from "../http/schemas.ts";
import { Answer, bodyOf, looseBody } from "./schemas.ts";

const tags = ["protocol: store"];
const Label = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^.]+$/, "namespace labels cannot contain periods");
const Namespace = z.array(Label).min(1, "name a namespace").max(20);
const Key = z.string().min(1).max(500);
const Put = z.object({
  namespace: Namespace,
  key: Key,
  value: z.record(z.string(), z.unknown()),
  /** false: not searchable by meaning; a list: the value fields whose text is embedded. */
  index: z.union([z.literal(false), z.array(z.string()).max(20)]).nullish(),
});
const Ref = z.object({ namespace: Namespace, key: Key });
const Search = z.object({
  namespace_prefix: z.array(Label).max(20).default([]),
  filter: z.record(z.string(), z.unknown()).nullish(),
  query: z.string().max(2000).nullish(),
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).default(0),
});
const Namespaces = z.object({
  prefix: z.array(Label).max(20).nullish(),
  suffix: z.array(Label).max(20).nullish(),
  max_depth: z.number().int().min(1).max(20).nullish(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});

const view = (i: StoreItem) => ({
  namespace: i.namespace,
  key: i.key,
  value: i.value,
  created_at: i.created_at.toISOString(),
  updated_at: i.updated_at.toISOString(),
  ...(i.score !== undefined ? { score: i.score } : {}),
});

/** The text an item is embedded by: the `index` fields, else every string in its value. */
function textOf(value: unknown, fields?: string[] | null): string {
  if (fields) return fields.map((f) => textOf((value as Record<string, unknown>)[f])).join("\n");
  if (typeof value === "string") return value;
  if (value && typeof value === "object")
    return Object.values(value)
      .map((v) => textOf(v))
      .join("\n");
  return "";
}

const route = (
  method: "put" | "get" | "delete" | "post",
  path: string,
  summary: string,
  scope: "read" | "runs:write",
  body?: z.ZodType,
  query?: z.ZodObject,
) =>
  createRoute({
    method,
    path,
    tags,
    summary,
    middleware: [requireScope(scope)],
    request: { ...(body ? { body: looseBody(body) } : {}), ...(query ? { query } : {}) },
    responses: { 200: Answer(summary), 204: { description: "done" }, ...errorResponses },
  });

/** LangGraph's store, per tenant: a tenant's namespaces are its own; values are searchable by meaning. */
export function storeRoutes({ deps }: AppContext) {
  const embed = async (tenantId: string, text: string) => {
    const { embedder } = await openTenantMemory(deps.sql, tenantId, deps.embedder);
    const [v] = await embedder.embed([text]);
    return { embedder: embedder.id, vector: `[${v!.join(",")}]` };
  };
  const tenant = <T>(id: string, fn: Parameters<typeof withTenant<T>>[2]) => withTenant(deps.sql, id, fn);
  return router()
    .openapi(route("put", "/store/items", "Put an item", "runs:write", Put), async (c) => {
      const b = bodyOf(c.req.valid("json" as never), Put);
      const { tenantId } = c.get("principal");
      const text = b.index === false ? "" : textOf(b.value, b.index);
      const e = text.trim() ? await embed(tenantId, text) : { embedder: null, vector: null };
      await tenant(tenantId, (tx) =>
        putStoreItem(tx, { tenantId, namespace: b.namespace, key: b.key, value: b.value, ...e }),
      );
      return c.body(null, 204);
    })
    .openapi(
      route(
        "get",
        "/store/items",
        "Get an item (namespace joined by '.')",
        "read",
        undefined,
        z.object({ namespace: z.string().min(1), key: Key }),
      ),
      async (c) => {
        const q = c.req.valid("query" as never) as { namespace: string; key: string };
        const { tenantId } = c.get("principal");
        const ns = bodyOf(q.namespace.split("."), Namespace);
        const item = await tenant(tenantId, (tx) => getStoreItem(tx, tenantId, ns, q.key));
        if (!item) throw notFound("item", `${q.namespace}/${q.key}`, "key");
        return c.json(view(item), 200);
      },
    )
    .openapi(route("delete", "/store/items", "Delete an item", "runs:write", Ref), async (c) => {
      const b = bodyOf(c.req.valid("json" as never), Ref);
      const { tenantId } = c.get("principal");
      if (!(await tenant(tenantId, (tx) => deleteStoreItem(tx, tenantId, b.namespace, b.key))))
        throw notFound("item", `${b.namespace.join(".")}/${b.key}`, "key");
      return c.body(null, 204);
    })
    .openapi(
      route(
        "post",
        "/store/items/search",
        "Search items: prefix, filter, and meaning (query)",
        "read",
        Search,
      ),
      async (c) => {
        const b = bodyOf(c.req.valid("json" as never), Search);
        const { tenantId } = c.get("principal");
        const query = b.query?.trim() ? await embed(tenantId, b.query) : undefined;
        const items = await tenant(tenantId, (tx) =>
          searchStoreItems(tx, {
            tenantId,
            prefix: b.namespace_prefix,
            filter: b.filter ?? {},
            limit: b.limit,
            offset: b.offset,
            ...(query ? { query } : {}),
          }),
        );
        return c.json({ items: items.map(view) }, 200);
      },
    )
    .openapi(route("post", "/store/namespaces", "The tenant's namespaces", "read", Namespaces), async (c) => {
      const b = bodyOf(c.req.valid("json" as never), Namespaces);
      const { tenantId } = c.get("principal");
      const namespaces = await tenant(tenantId, (tx) =>
        listStoreNamespaces(tx, {
          tenantId,
          prefix: b.prefix ?? [],
          suffix: b.suffix ?? [],
          maxDepth: b.max_depth ?? null,
          limit: b.limit,
          offset: b.offset,
        }),
      );
      return c.json({ namespaces }, 200);
    });
}
