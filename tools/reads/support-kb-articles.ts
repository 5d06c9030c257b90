import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

/** Knowledge-base articles by id: title, link, body and tags (what a reply quotes and cites). */
export const supportKbArticles = defineTool({
  name: "support_kb_articles",
  description: "Knowledge-base articles by id: title, url, body, tags and language.",
  kind: "read",
  input: z.object({
    ids: z.array(z.guid()).min(1).max(20).describe("The articles' ids (uuid), e.g. from semantic_search."),
  }),
  handler: ({ ids }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => ({
      articles: await tx<
        { id: string; title: string; url: string | null; body: string; tags: string[]; language: string }[]
      >`
        SELECT id, title, url, body, tags, language FROM kb_articles
        WHERE tenant_id = ${ctx.tenantId} AND id IN ${tx(ids)} ORDER BY id`,
    })),
});
