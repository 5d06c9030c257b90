import type { BookPlan } from "./options.ts";
import type { Rng } from "./random.ts";
import type { KbArticleRow } from "./rows.ts";
import { KB_ARTICLES, type KbArticleText } from "./text-kb.ts";
import { addDays } from "./time.ts";
import { ascii } from "./users.ts";

/** The help centre: every article of text-kb.ts, published over the last two years. */
export function generateKbArticles(plan: BookPlan, rng: Rng, ids: Rng): KbArticleRow[] {
  return KB_ARTICLES.map((a, i) => {
    const published = addDays(plan.asOf, -rng.int(30, 730));
    const slug = a.title
      .split(" ")
      .map(ascii)
      .filter((w) => w.length > 0)
      .join("-");
    return {
      id: ids.uuid(),
      tenant_id: plan.tenantId,
      external_id: `${plan.tag}-KB${String(i + 1).padStart(3, "0")}`,
      title: a.title,
      body: articleBody(a),
      tags: [...a.tags],
      language: "en",
      url: `https://help.relay.example/articles/${slug}`,
      published_at: published,
      updated_at: addDays(published, rng.int(0, 25)),
    };
  });
}

function articleBody(a: KbArticleText): string {
  const steps = a.steps.map((s, i) => `${i + 1}. ${s}`).join("\n");
  return [a.intro, steps, a.note].filter((p) => p !== undefined).join("\n\n");
}
