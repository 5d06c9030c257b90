/**
 * Synthetic CRM books: a seeded, deterministic generator of realistic tenants of any size, whose
 * outcomes (churn, renewal, conversion, win, response) correlate with the signals a model can
 * learn from. `seedBook` writes a book to a store; `generateBook` produces it in memory.
 */
export { seedBook } from "./seed.ts";
export type { SeedOptions } from "./seed.ts";
export { generateBook } from "./book.ts";
export { planBook, RATIOS, SEED_DEFAULTS } from "./options.ts";
export type { BookOptions, BookPlan } from "./options.ts";
export { formatSeedReport } from "./report.ts";
export type { SeedProgress, SeedReport } from "./report.ts";
export { WRITE_ORDER } from "./rows.ts";
export type { BookRows, SeedTable } from "./rows.ts";
export { SeedOptionsError } from "./errors.ts";

/** The demo tenant's book, loaded by the app on first start. */
export const DEMO_BOOK = { slug: "demo", name: "Demo", accounts: 200, seed: 42 } as const;
