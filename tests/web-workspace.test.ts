/// <reference lib="dom" />
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceLink } from "../server/web/index.ts";
import { freshPage, launchChromium, screenshot, signIn } from "./support/web-browser.ts";
import { otherTenantKey, startedWorkspace, type Workspace } from "./support/web-workspace.ts";

type Rep = {
  user_id: string;
  name: string;
  role: string;
  planned_minutes: number;
  capacity_minutes: number;
  tasks: { task_id: string }[];
};

/** The ops workspace in Debian's Chromium, over what `crm start` leaves (demo tenant, drafts waiting, today's plan). */
describe("the workspace in a real browser", () => {
  let w: Workspace;
  let browser: Browser;
  let key: string;
  let page: Page;
  const today = new Date().toISOString().slice(0, 10);
  const api = async <T>(method: string, path: string, body?: unknown, bearer = key) => {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    [w, browser] = await Promise.all([startedWorkspace(), launchChromium()]);
    key = await w.key(["read", "runs:write", "approve"]);
    page = await freshPage(browser);
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it("signs in with an API key: an HttpOnly, SameSite=Strict session cookie; a bad key is told so", async () => {
    await page.goto(`${w.url}/app/inbox`);
    expect(new URL(page.url()).pathname).toBe("/app/signin");
    await screenshot(page, "signin");
    await page.type('input[name="key"]', "crm_000000000000_notakey");
    await Promise.all([page.waitForNavigation(), page.click("button.primary")]);
    expect(await page.$eval(".error", (e) => e.textContent)).toContain("unknown or revoked");
    await signIn(page, w.url, key);
    expect(new URL(page.url()).pathname).toBe("/app/inbox");
    const cookie = (await page.cookies()).find((c) => c.name === "crm_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  });

  it("the inbox lists every draft the start left waiting, with its evidence readable", async () => {
    const pending = await w.store.sql<{ id: string }[]>`
      SELECT id FROM drafts WHERE tenant_id = ${w.demo.id} AND status = 'pending' ORDER BY id`;
    expect(pending.length).toBeGreaterThan(0);
    await page.goto(`${w.url}/app/inbox`);
    const shown = await page.$$eval("article[data-draft]", (els) =>
      els.map((e) => e.getAttribute("data-draft")!).sort(),
    );
    expect(shown).toEqual(pending.map((d) => d.id));
    const facts = await page.$$eval("ul.evidence li", (els) => els.map((e) => e.textContent ?? ""));
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((f) => !/^(activity|ticket|deal|contact|lead|account):[0-9a-f-]+$/.test(f))).toBe(
      true,
    );
    await screenshot(page, "inbox");
  });

  it("approve (by keyboard), edit and reject one draft each, bulk-approve the rest: the database shows each, the run resumes after the last", async () => {
    const [run] = await w.store.sql<{ run_id: string; agent: string; n: number }[]>`
      SELECT d.run_id, r.agent, count(*)::int AS n FROM drafts d JOIN agent_runs r ON r.id = d.run_id
      WHERE d.tenant_id = ${w.demo.id} AND d.status = 'pending' AND r.status = 'interrupted'
      GROUP BY d.run_id, r.agent HAVING count(*) >= 4 ORDER BY count(*) LIMIT 1`;
    expect(run).toBeDefined();
    const ids = (
      await w.store.sql<{ id: string }[]>`
      SELECT id FROM drafts WHERE run_id = ${run!.run_id} AND status = 'pending' ORDER BY id`
    ).map((d) => d.id);
    await page.goto(`${w.url}/app/inbox?agent=${run!.agent}`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const gone = (id: string) => page.waitForFunction((i) => !document.getElementById(`draft-${i}`), {}, id);

    await page.focus(`#draft-${ids[0]} button[value="approve"]`);
    await page.keyboard.press("Enter");
    await gone(ids[0]!);

    const edited = "Edited in the workspace test: thanks for your time last week.";
    await page.$eval(
      `#draft-${ids[1]} textarea[name="body"]`,
      (t, v) => ((t as HTMLTextAreaElement).value = v),
      edited,
    );
    await page.click(`#draft-${ids[1]} button[value="edit"]`);
    await gone(ids[1]!);

    await page.type(`#draft-${ids[2]} input[name="note"]`, "not the right contact");
    await page.click(`#draft-${ids[2]} button[value="reject"]`);
    await gone(ids[2]!);

    for (const id of ids.slice(3)) await page.click(`#draft-${id} input[name="ids"]`);
    await page.click('#bulk button[value="approve"]');
    for (const id of ids.slice(3)) await gone(id);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1); // no reload
    expect(await page.$eval("#inbox-status", (e) => e.textContent)).toContain("resumes");

    const rows = await w.store.sql<
      { id: string; status: string; body: string; decision_note: string | null }[]
    >`
      SELECT id, status, body, decision_note FROM drafts WHERE id = ANY(${ids}::uuid[])`;
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get(ids[0]!)!.status).toBe("approved");
    expect(by.get(ids[1]!)).toMatchObject({ status: "approved", body: edited });
    expect(by.get(ids[2]!)).toMatchObject({ status: "rejected", decision_note: "not the right contact" });
    for (const id of ids.slice(3)) expect(by.get(id)!.status).toBe("approved");
    let status = "interrupted";
    for (let i = 0; i < 200 && ["interrupted", "queued", "running"].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await w.store.sql<
        { status: string }[]
      >`SELECT status FROM agent_runs WHERE id = ${run!.run_id}`;
      status = row!.status;
    }
    expect(status).toBe("succeeded");
  });

  it("a key without approve sees drafts read-only; a POST without the CSRF token is refused", async () => {
    const reader = await freshPage(browser);
    await signIn(reader, w.url, await w.key(["read"]));
    expect(await reader.$$("article[data-draft]")).not.toHaveLength(0);
    expect(await reader.$$('button[value="approve"]')).toHaveLength(0);
    expect(await reader.$eval("main", (m) => m.textContent)).toContain("Read-only");
    const cookie = (await page.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const forged = await fetch(`${w.url}/app/inbox/bulk`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "decision=approve&ids=x:y",
    });
    expect(forged.status).toBe(403);
    await reader.browserContext().close();
  });

  it("today's plan: a lane per person with capacity bars that match GET /v1/plans/{date}", async () => {
    const { body } = await api<{ plan: { method: string }; reps: Rep[] }>("GET", `/v1/plans/${today}`);
    await page.goto(`${w.url}/app/plan?date=${today}`);
    const bars = await page.$$eval("section.lane", (els) =>
      els.map((e) => {
        const bar = e.querySelector("[data-planned-minutes]")!;
        return {
          user: e.getAttribute("data-user"),
          planned: Number(bar.getAttribute("data-planned-minutes")),
          capacity: Number(bar.getAttribute("data-capacity-minutes")),
        };
      }),
    );
    expect(bars).toEqual(
      body.reps.map((r) => ({ user: r.user_id, planned: r.planned_minutes, capacity: r.capacity_minutes })),
    );
    expect(await page.$eval("#plan-facts", (e) => e.textContent)).toContain(body.plan.method);
    // every task not placed says why, as the plan recorded it
    const why = await page.$$eval("#unplaced .why-unplaced", (cells) =>
      cells.map((c) => c.textContent ?? ""),
    );
    const recorded = await w.store.sql<{ unplaced_reason: string }[]>`
      SELECT pc.unplaced_reason FROM plan_candidates pc JOIN plans p ON p.id = pc.plan_id
      WHERE p.plan_date = ${today} AND pc.unplaced_reason IS NOT NULL`;
    for (const cell of why) expect(recorded.map((r) => r.unplaced_reason)).toContain(cell);
    await screenshot(page, "plan");
  });

  it("marks a task done, then reassigns a task with the select, and it moves to the other person's lane", async () => {
    type Lane = Rep & { tasks: { task_id: string; minutes: number }[] };
    const { body } = await api<{ reps: Lane[] }>("GET", `/v1/plans/${today}`);
    // two people of one role: `to` finishes its longest task (freeing the time), then takes a short one of `from`
    const to = body.reps.find(
      (r) =>
        r.tasks.length > 0 &&
        body.reps.some((o) => o.role === r.role && o.user_id !== r.user_id && o.tasks.length > 0),
    )!;
    const from = body.reps.find((o) => o.role === to.role && o.user_id !== to.user_id && o.tasks.length > 0)!;
    const done = [...to.tasks].sort((x, y) => y.minutes - x.minutes)[0]!;
    const task = [...from.tasks].sort((x, y) => x.minutes - y.minutes)[0]!.task_id;
    expect([...from.tasks].sort((x, y) => x.minutes - y.minutes)[0]!.minutes).toBeLessThanOrEqual(
      done.minutes,
    );
    await page.goto(`${w.url}/app/plan?date=${today}`);
    const act = async (lane: string, id: string, button: string) => {
      const row = `section.lane[data-user="${lane}"] [data-task="${id}"]`;
      const reloaded = page.waitForNavigation({ timeout: 20_000 }).then(
        () => true,
        () => false,
      );
      const refused = page
        .waitForFunction(
          (m) => !!document.querySelector(m)?.textContent,
          { timeout: 20_000 },
          `#task-msg-${id}`,
        )
        // a reload destroys the page this waits in: that is the other outcome, not a refusal
        .then(
          () => false,
          () => new Promise<boolean>(() => {}),
        );
      await page.click(`${row} button[value="${button}"]`);
      if (!(await Promise.race([reloaded, refused])))
        throw new Error(`${button} refused: ${await page.$eval(`#task-msg-${id}`, (e) => e.textContent)}`);
    };
    await act(to.user_id, done.task_id, "done");
    const [finished] = await w.store.sql<
      { status: string }[]
    >`SELECT status FROM tasks WHERE id = ${done.task_id}`;
    expect(finished!.status).toBe("done");
    await page.select(`section.lane[data-user="${from.user_id}"] [data-task="${task}"] select`, to.user_id);
    await act(from.user_id, task, "reassign");
    expect(await page.$(`section.lane[data-user="${to.user_id}"] [data-task="${task}"]`)).not.toBeNull();
    expect(await page.$(`section.lane[data-user="${from.user_id}"] [data-task="${task}"]`)).toBeNull();
    const [row] = await w.store.sql<
      { assignee_id: string }[]
    >`SELECT assignee_id FROM tasks WHERE id = ${task}`;
    expect(row!.assignee_id).toBe(to.user_id);
  });

  it("an account page shows its score history as a chart, its reasons and evidence", async () => {
    const [account] = await w.store.sql<{ id: string }[]>`
      SELECT entity_id AS id FROM scores WHERE tenant_id = ${w.demo.id} AND entity_kind = 'account'
      GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1`;
    await page.goto(`${w.url}/app/accounts`);
    expect(await page.$$("table#accounts tbody tr")).not.toHaveLength(0);
    await screenshot(page, "accounts");
    await page.goto(`${w.url}/app/leads`);
    expect(await page.$$("table#leads tbody tr")).not.toHaveLength(0);
    await screenshot(page, "leads");
    await page.goto(`${w.url}/app/accounts/${account!.id}`);
    const chart = await page.$eval("#score-charts svg", (s) => ({
      points: s.querySelectorAll("circle").length,
      labels: Array.from(s.querySelectorAll("text")).map((t) => t.textContent),
    }));
    expect(chart.points).toBeGreaterThan(0);
    expect(chart.labels).toContain("scored on");
    await screenshot(page, "account");
  });

  it("follows a live run's events over the SSE stream; a rejoin with Last-Event-ID gets only what it missed", async () => {
    const started = await api<{ run: { id: string } }>("POST", "/v1/runs", {
      agent: "cs",
      target: { kind: "all" },
    });
    expect(started.status).toBe(202);
    const id = started.body.run.id;
    await page.goto(`${w.url}/app/runs/${id}`);
    let total = 0;
    for (let i = 0; i < 300; i++) {
      const [run] = await w.store.sql<{ status: string; n: number }[]>`
        SELECT r.status, (SELECT count(*)::int FROM run_events e WHERE e.run_id = r.id) AS n FROM agent_runs r WHERE r.id = ${id}`;
      if (!["queued", "running"].includes(run!.status)) {
        total = run!.n;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(total).toBeGreaterThan(1);
    await page.waitForFunction(
      (n) => document.querySelectorAll("#events li").length === n,
      { timeout: 30_000 },
      total,
    );
    const seqs = await page.$$eval("#events li", (els) => els.map((e) => Number(e.getAttribute("data-seq"))));
    expect(new Set(seqs).size).toBe(total);
    await screenshot(page, "run");
    const cookie = (await page.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const rejoin = await fetch(`${w.url}/app/runs/${id}/events`, {
      headers: { cookie, "last-event-id": String(seqs[total - 2]) },
    });
    const ids = [...(await rejoin.text()).matchAll(/^id: ?(\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([seqs[total - 1]]);
    await page.goto(`${w.url}/app/runs`);
    expect(await page.$(`table#runs a[href="/app/runs/${id}"]`)).not.toBeNull();
    await screenshot(page, "runs");
  });

  it("the evals page renders the latest crm eval report: its gates and its charts", async () => {
    const file = resolve("reports/eval/report.json");
    await page.goto(`${w.url}/app/evals`);
    if (!existsSync(file)) {
      // a fresh clone has no report until `npx crm eval` runs (minutes): the page says how to make one
      expect(await page.$eval("main", (m) => m.textContent)).toContain("npx crm eval");
      return;
    }
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      gates?: { verdict: string }[];
      suites: { charts: unknown[] }[];
    };
    expect(await page.$$("table#gates tbody tr")).toHaveLength(report.gates?.length ?? 0);
    const charts = report.suites.reduce((n, s) => n + s.charts.length, 0);
    const srcs = await page.$$eval("figure.chart img", (imgs) =>
      imgs.map((i) => (i as HTMLImageElement).src),
    );
    expect(srcs).toHaveLength(charts);
    const cookie = (await page.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    for (const src of srcs) {
      const res = await fetch(src, { headers: { cookie } });
      expect([res.status, res.headers.get("content-type")]).toEqual([200, "image/svg+xml"]);
    }
    await screenshot(page, "evals");
  });

  it("another tenant's session sees none of these rows", async () => {
    const other = await freshPage(browser);
    await signIn(other, w.url, await otherTenantKey(w.store, "web-other"));
    expect(await other.$$("article[data-draft]")).toHaveLength(0);
    await other.goto(`${w.url}/app/accounts`);
    expect(await other.$$("table#accounts tbody tr")).toHaveLength(0);
    await other.goto(`${w.url}/app/plan?date=${today}`);
    expect(await other.$$("section.lane")).toHaveLength(0);
    const [run] = w.started.runs;
    const res = await other.goto(`${w.url}/app/runs/${run!.id}`);
    expect(res!.status()).toBe(404);
    const [account] = await w.store.sql<
      { id: string }[]
    >`SELECT id FROM accounts WHERE tenant_id = ${w.demo.id} LIMIT 1`;
    expect((await other.goto(`${w.url}/app/accounts/${account!.id}`))!.status()).toBe(404);
    await other.browserContext().close();
  });

  it("with every request to anything but the server blocked, pages and /docs load and nothing else is asked for", async () => {
    const offline = await freshPage(browser);
    const outside: string[] = [];
    await offline.setRequestInterception(true);
    offline.on("request", (req) => {
      const url = req.url();
      if (url.startsWith(w.url) || url.startsWith("data:") || url.startsWith("blob:"))
        return void req.continue();
      outside.push(url);
      void req.abort();
    });
    await signIn(offline, w.url, key);
    for (const path of ["/app/inbox", `/app/plan?date=${today}`, "/app/runs", "/app/evals"]) {
      await offline.goto(`${w.url}${path}`, { waitUntil: "networkidle0" });
      expect(await offline.$eval("h1", (h) => h.textContent)).toBeTruthy();
    }
    await offline.goto(`${w.url}/docs`, { waitUntil: "networkidle0" });
    await offline.waitForFunction(() => document.body.innerText.includes("crm-agents API"), {
      timeout: 30_000,
    });
    await screenshot(offline, "docs");
    expect(outside).toEqual([]);
    await offline.browserContext().close();
  });

  it("works on a 390-px-wide phone screen (no sideways scrolling)", async () => {
    const phone = await freshPage(browser, 390, 844);
    await signIn(phone, w.url, key);
    for (const path of ["/app/inbox", `/app/plan?date=${today}`, "/app/accounts"]) {
      await phone.goto(`${w.url}${path}`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await phone.goto(`${w.url}/app/inbox`);
    await screenshot(phone, "inbox-390px");
    await phone.browserContext().close();
  });

  it("the one-time link npm start prints signs a browser in once; sign out ends the session", async () => {
    const link = await workspaceLink(w.store.sql, w.url, key);
    const first = await freshPage(browser);
    await first.goto(link);
    expect(new URL(first.url()).pathname).toBe("/app/inbox");
    const second = await freshPage(browser);
    const again = await second.goto(link);
    expect(again!.status()).toBe(401);
    expect(await second.$eval(".error", (e) => e.textContent)).toContain("used already");
    await Promise.all([first.waitForNavigation(), first.click(".who button")]);
    expect(new URL(first.url()).pathname).toBe("/app/signin");
    await first.goto(`${w.url}/app/inbox`);
    expect(new URL(first.url()).pathname).toBe("/app/signin");
    await first.browserContext().close();
    await second.browserContext().close();
  });
});
