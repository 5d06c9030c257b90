import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS, openTestStore } from "../../../tests/support/stores.ts";
import { ImportError, type RowProblem, type Store } from "../../index.ts";
import { MappingError, importCsv, parseMapping, type MappingInput } from "./index.ts";

// Line 4 starts a quoted cell over two lines, so the rows after it test the line count.
const BAD_CSV = [
  "id,subject,body,priority,csat,opened,secret",
  "1,Fine,Body one,High,5,2024-01-02 10:00,s1",
  "2,Bad int,Body two,Low,five,2024-01-02 10:00,s2",
  '3,Bad date,"Body three',
  'on two lines",Low,3,2024-13-45 10:00,s3',
  "4,Bad enum,Body four,Urgent,2,2024-01-02,s4",
  "5,Short,Body five",
  "6,Also fine,Body six,Medium,,,s6",
  "7,Out of range,Body seven,Low,9,2024-01-02,s7",
];

const ticketMapping: MappingInput = {
  table: "tickets",
  externalId: { column: "id", prefix: "t-" },
  exclude: ["secret"],
  fields: {
    subject: "subject",
    body: "body",
    priority: { column: "priority", values: { High: "high", Medium: "medium", Low: "low" } },
    csat: "csat",
    created_at: "opened",
  },
  bag: { rest: true },
};

const EXPECTED_PROBLEMS = [
  { line: 3, column: "csat", reason: '"five" is not a whole number' },
  { line: 4, column: "opened", reason: '"2024-13-45 10:00" is not a calendar date' },
  { line: 6, column: "priority", reason: '"Urgent" is not one of low, medium, high, critical' },
  { line: 7, reason: "expected 7 columns, found 3" },
  { line: 9, column: "csat", reason: "9 breaks the check <= 5" },
];

describe.each(STORE_KINDS)("importCsv on %s", (kind) => {
  let store: Store;
  let dir: string;
  const write = async (name: string, lines: string[], eol = "\n") => {
    const file = join(dir, name);
    await writeFile(file, lines.join(eol) + eol);
    return file;
  };
  const count = async (table: string, slug: string) => {
    const [row] = await store.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM ${store.sql(table)} t JOIN tenants ON tenants.id = t.tenant_id
      WHERE tenants.slug = ${slug}`;
    return row!.n;
  };
  beforeAll(async () => {
    store = await openTestStore(kind);
    dir = await mkdtemp(join(tmpdir(), "crm-import-"));
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(["\n", "\r\n"])(
    "rejects the whole file over bad rows, naming file, line, column and reason (eol %j)",
    async (eol) => {
      const file = await write(`bad-${eol.length}.csv`, BAD_CSV, eol);
      const err = await importCsv(store.sql, {
        file,
        mapping: parseMapping(ticketMapping),
        tenant: "rejected",
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      const problems = (err as ImportError).problems;
      expect(problems).toEqual(EXPECTED_PROBLEMS.map((p) => ({ file, ...p })));
      expect((err as Error).message).toContain(`${file}:3 column "csat": "five" is not a whole number`);
      expect((err as Error).message).toContain("5 bad row(s)");
      expect(await count("tickets", "rejected")).toBe(0);
      const [tenant] = await store.sql`SELECT 1 FROM tenants WHERE slug = 'rejected'`;
      expect(tenant).toBeUndefined(); // the tenant creation was rolled back too
    },
  );

  it("with skipBad, writes the good rows and puts the bad ones in the reject file", async () => {
    const file = await write("skip.csv", BAD_CSV);
    const rejectFile = join(dir, "skip.rejects.jsonl");
    const result = await importCsv(store.sql, {
      file,
      mapping: parseMapping(ticketMapping),
      tenant: "skipping",
      skipBad: true,
      rejectFile,
    });
    expect(result).toMatchObject({ rowsRead: 7, rowsImported: 2, rowsRejected: 5, ignoredColumns: [] });
    const rows = await store.sql`
      SELECT external_id, priority, csat, created_at, attributes FROM tickets ORDER BY external_id`;
    expect(rows.map((r) => r.external_id)).toEqual(["t-1", "t-6"]);
    expect(rows[0]).toMatchObject({ priority: "high", csat: 5, attributes: {} });
    expect((rows[0]!.created_at as Date).toISOString()).toBe("2024-01-02T10:00:00.000Z");
    const rejects = (await readFile(rejectFile, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Reject);
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 6, 7, 9]);
    expect(rejects[0]).toEqual({
      file,
      line: 3,
      problems: [{ column: "csat", reason: '"five" is not a whole number' }],
      // the excluded column is not copied into the reject file either
      record: {
        id: "2",
        subject: "Bad int",
        body: "Body two",
        priority: "Low",
        csat: "five",
        opened: "2024-01-02 10:00",
      },
    });
    expect(rejects[1]!.record!.body).toBe("Body three\non two lines");
    expect(rejects[3]).toMatchObject({ line: 7, cells: ["5", "Short", "Body five"] });
    const leaked =
      await store.sql`SELECT 1 FROM tickets WHERE attributes::text LIKE '%s1%' OR body LIKE '%s1%'`;
    expect(leaked).toHaveLength(0);
  });

  it("upserts on the external id: importing twice does not duplicate, a changed row is updated", async () => {
    const mapping = parseMapping(ticketMapping);
    const good = [
      "id,subject,body,priority,csat,opened,secret",
      "1,One,Body,Low,1,,x",
      "2,Two,Body,High,,,x",
    ];
    const file = await write("good.csv", good);
    expect((await importCsv(store.sql, { file, mapping, tenant: "twice" })).rowsImported).toBe(2);
    expect((await importCsv(store.sql, { file, mapping, tenant: "twice" })).rowsImported).toBe(2);
    expect(await count("tickets", "twice")).toBe(2);
    await write("good.csv", [...good.slice(0, 2), "2,Two (edited),Body,Medium,,,x", "3,Three,Body,Low,,,x"]);
    await importCsv(store.sql, { file, mapping, tenant: "twice" });
    expect(await count("tickets", "twice")).toBe(3);
    const [two] = await store.sql`
      SELECT subject, priority FROM tickets t JOIN tenants ON tenants.id = t.tenant_id
      WHERE slug = 'twice' AND external_id = 't-2'`;
    expect(two).toEqual({ subject: "Two (edited)", priority: "medium" });
  });

  it("records outcomes once per entity, with known_at from a column, and no outcome for a blank label", async () => {
    const file = await write("leads.csv", [
      "Lead,Email,Won,Decided",
      "L1,a@example.com,Yes,2024-03-01 09:00",
      "L2,b@example.com,No,2024-03-02 09:00",
      "L3,c@example.com,,",
    ]);
    const mapping = parseMapping({
      table: "leads",
      timezone: "Europe/Berlin",
      externalId: { column: "Lead" },
      fields: { email: "Email" },
      outcomes: [{ kind: "converted", column: "Won", knownAt: { column: "Decided" }, source: "test" }],
    });
    for (let i = 0; i < 2; i++) {
      const result = await importCsv(store.sql, { file, mapping, tenant: "outcomes" });
      expect(result).toMatchObject({ rowsImported: 3, outcomesWritten: 2 });
    }
    const outcomes = await store.sql`
      SELECT l.external_id, o.entity_kind, o.kind, o.value, o.known_at, o.source
      FROM outcomes o JOIN leads l ON l.id = o.entity_id ORDER BY l.external_id`;
    expect(outcomes).toEqual([
      {
        external_id: "L1",
        entity_kind: "lead",
        kind: "converted",
        value: true,
        known_at: new Date("2024-03-01T08:00:00Z"),
        source: "test",
      },
      {
        external_id: "L2",
        entity_kind: "lead",
        kind: "converted",
        value: false,
        known_at: new Date("2024-03-02T08:00:00Z"),
        source: "test",
      },
    ]);
    // the label column is not stored on the lead
    const [l1] = await store.sql`SELECT fields FROM leads WHERE external_id = 'L1'`;
    expect(l1!.fields).toEqual({});
  });

  it("coerces lists, JSON, dates and constants, and derives ids from line numbers", async () => {
    const file = await write("kb.csv", [
      "title;body;tags;published",
      'Reset a password;"Go to ""Settings""";account, security;05.02.2021 08:30',
      "Refunds;Within 30 days;;",
    ]);
    const mapping = parseMapping({
      table: "kb_articles",
      csv: { delimiter: ";" },
      externalId: { prefix: "kb-" },
      fields: {
        title: "title",
        body: "body",
        tags: { column: "tags", split: "," },
        published_at: { column: "published", dateFormat: "DD.MM.YYYY" },
        language: { value: "de" },
      },
    });
    await importCsv(store.sql, { file, mapping, tenant: "kb" });
    const rows =
      await store.sql`SELECT external_id, body, tags, language, published_at FROM kb_articles ORDER BY external_id`;
    expect(rows).toEqual([
      {
        external_id: "kb-2",
        body: 'Go to "Settings"',
        tags: ["account", "security"],
        language: "de",
        published_at: new Date("2021-02-05T08:30:00Z"),
      },
      { external_id: "kb-3", body: "Within 30 days", tags: [], language: "de", published_at: null },
    ]);
  });

  it("stores JSON cells as JSON, including arrays of booleans", async () => {
    const file = await write("triage.csv", [
      "id,body,triage,flag",
      'j1,Hi,"{""intent"":""refund"",""confidence"":0.9}",yes',
      'j2,Hi,"[true,false]",no',
      "j3,Hi,,",
      "j4,Hi,{oops,no",
    ]);
    const mapping = parseMapping({
      table: "tickets",
      externalId: { column: "id" },
      fields: { body: "body", triage: "triage", "attributes.flag": { column: "flag", type: "bool" } },
    });
    const result = await importCsv(store.sql, { file, mapping, tenant: "json", skipBad: true });
    expect(result.problems).toEqual([
      { file, line: 5, column: "triage", reason: '"{oops" is not valid JSON' },
    ]);
    const rows = await store.sql`
      SELECT t.external_id, triage, attributes FROM tickets t JOIN tenants ON tenants.id = t.tenant_id
      WHERE slug = 'json' ORDER BY external_id`;
    expect(rows).toEqual([
      { external_id: "j1", triage: { intent: "refund", confidence: 0.9 }, attributes: { flag: true } },
      { external_id: "j2", triage: [true, false], attributes: { flag: false } },
      { external_id: "j3", triage: null, attributes: {} },
    ]);
  });

  it("names a missing CSV file", async () => {
    const file = join(dir, "absent.csv");
    const err = await importCsv(store.sql, { file, mapping: parseMapping(ticketMapping) }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toContain(`Cannot read ${file}`);
  });

  it("checks the mapping against the table and the header before reading any row", async () => {
    const file = await write("check.csv", ["id,subject,Tags,label", "1,x,y,Yes"]);
    const mapping = parseMapping({
      table: "tickets",
      externalId: { column: "id" },
      exclude: ["Tags", "Tgas"],
      fields: {
        subject: "subject",
        tenant_id: "id",
        colour: "subject",
        "metadata.x": "subject",
        queue: "Tags",
        category: "label",
        csat: { value: 7 },
        "attributes.both": { columns: ["subject", "id"] },
      },
      outcomes: [{ kind: "converted", column: "label", knownAt: "2024-01-01T00:00:00Z" }],
    });
    const err = await importCsv(store.sql, { file, mapping, tenant: "checks" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    const keys = (err as MappingError).issues.map((i) => i.slice(0, i.indexOf(":")));
    expect(keys.sort()).toEqual(
      [
        "exclude[1]", // a typo in exclude would silently leak the column: it is an error
        "fields", // tickets.body is NOT NULL without a default
        "fields.category.column", // the outcome label may not be stored on the row
        "fields.attributes.both.columns", // a list needs type text[] or jsonb
        "fields.colour",
        "fields.csat.value", // 7 breaks CHECK (csat BETWEEN 1 AND 5)
        "fields.metadata.x", // tickets keep their bag in attributes
        "fields.queue.column", // excluded
        "fields.tenant_id",
      ].sort(),
    );
    expect((err as Error).message).toContain('exclude[1]: column "Tgas" is not in the header');
    expect(await count("tickets", "checks")).toBe(0);
  });
});

interface Reject {
  file: string;
  line: number;
  problems: Omit<RowProblem, "file" | "line">[];
  record?: Record<string, string>;
  cells?: string[];
}
