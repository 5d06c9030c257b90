import type { AppContext } from "../../context.ts";
import { router } from "../../router.ts";
import { accountRoutes } from "./accounts.ts";
import { contactRoutes } from "./contacts.ts";
import { dealRoutes } from "./deals.ts";
import { leadRoutes } from "./leads.ts";
import { peopleRoutes } from "./people.ts";
import { ticketRoutes } from "./tickets.ts";

/** The book as lists: /accounts, /leads, /deals, /tickets, /contacts, /people, and one account or lead. */
export function entityRoutes(ctx: AppContext) {
  return router()
    .route("/", accountRoutes(ctx))
    .route("/", leadRoutes(ctx))
    .route("/", dealRoutes(ctx))
    .route("/", ticketRoutes(ctx))
    .route("/", contactRoutes(ctx))
    .route("/", peopleRoutes(ctx));
}
