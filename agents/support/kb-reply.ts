/** A knowledge-base article retrieved for a ticket, with how close it is. */
export interface RetrievedArticle {
  id: string;
  title: string;
  url: string | null;
  body: string;
  similarity: number;
}

/** Everything a reply is written from (the offline template and the LLM prompt alike). */
export interface ReplyBrief {
  ticketId: string;
  subject: string | null;
  body: string;
  contact: { id: string; firstName: string; fullName: string };
  /** The articles the reply may cite, best first. */
  articles: RetrievedArticle[];
  signature: string;
}

/** Names the offline template in provenance (`offline:support-kb-reply-v1`). */
export const SUPPORT_TEMPLATE_VERSION = "support-kb-reply-v1";

export const articleEvidence = (a: { id: string }) => `kb_article:${a.id}`;

/** The articles that may ground a reply: at or above the similarity floor, best first, at most `max`. */
export function groundingArticles(
  articles: readonly RetrievedArticle[],
  minSimilarity: number,
  max: number,
): RetrievedArticle[] {
  return articles
    .filter((a) => a.similarity >= minSimilarity)
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, max);
}

/** The evidence a reply may cite: its articles and the ticket itself. */
export const replyEvidence = (b: ReplyBrief): string[] => [
  ...b.articles.map(articleEvidence),
  `ticket:${b.ticketId}`,
];

/**
 * The offline reply: the best article's text (intro and steps) quoted, any second article named,
 * and numbered sources with each article's title and link. Only article text and the requester's
 * first name are used — nothing from the ticket body is repeated, so injected text cannot travel
 * into the reply.
 */
export function templateReply(b: ReplyBrief): { subject: string; body: string } {
  const [best, ...more] = b.articles;
  if (!best) throw new RangeError("a KB reply needs at least one article");
  const sources = b.articles.map((a, i) => `[${i + 1}] ${a.title}${a.url ? ` — ${a.url}` : ""}`);
  return {
    subject: `Re: ${b.subject ?? "your request"}`.slice(0, 300),
    body: [
      `Hi ${b.contact.firstName},`,
      "",
      `thank you for getting in touch. Our help article "${best.title}" [1] covers this:`,
      "",
      best.body,
      ...more.map((a, i) => `\nThis may also help: "${a.title}" [${i + 2}].`),
      "",
      "If this does not solve it, reply to this message and we will take it from there.",
      "",
      "Sources:",
      ...sources,
      "",
      "Best regards,",
      b.signature,
    ].join("\n"),
  };
}
