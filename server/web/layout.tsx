import type { Child } from "hono/jsx";
import type { Principal } from "../http/context.ts";

const NAV = [
  ["/app/inbox", "Inbox"],
  ["/app/plan", "Today's plan"],
  ["/app/runs", "Runs"],
  ["/app/accounts", "Accounts"],
  ["/app/leads", "Leads"],
  ["/app/evals", "Evals"],
  ["/docs", "API docs"],
] as const;

/** Every workspace page: the navigation bar, the signed-in key, the page's content. */
export function Layout(props: {
  title: string;
  path: string;
  principal?: Principal;
  csrf?: string;
  children: Child;
}) {
  const headers = props.csrf ? JSON.stringify({ "x-csrf-token": props.csrf }) : undefined;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · crm-agents`}</title>
        <link rel="stylesheet" href="/web/assets/app.css" />
        <script src="/web/assets/htmx.min.js" defer></script>
        <script src="/web/assets/app.js" defer></script>
      </head>
      <body hx-headers={headers}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <strong class="brand">crm-agents</strong>
          {props.principal && (
            <nav aria-label="Workspace">
              {NAV.map(([href, label]) => (
                <a href={href} aria-current={props.path.startsWith(href) ? "page" : undefined}>
                  {label}
                </a>
              ))}
            </nav>
          )}
          {props.principal && (
            <form method="post" action="/app/signout" class="who">
              <input type="hidden" name="_csrf" value={props.csrf} />
              <span title="the API key this session acts as">
                key {props.principal.prefix} · {props.principal.scopes.join(", ")}
              </span>
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The API's error, shown beside the control that caused it. */
export function ApiErrorNote(props: { error?: { code: string; message: string; field?: string } | null }) {
  if (!props.error) return <></>;
  return (
    <p class="error" role="alert">
      {props.error.message} <code>{props.error.code}</code>
    </p>
  );
}
