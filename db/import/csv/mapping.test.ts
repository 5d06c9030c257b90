import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { IMPORT_TABLES, MappingError, loadMapping, parseMapping } from "./index.ts";

const mappingsDir = fileURLToPath(new URL("../../mappings/", import.meta.url));

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    return (err as MappingError).issues;
  }
  throw new Error("expected a MappingError");
}

describe("mapping files", () => {
  it("every mapping in db/mappings is valid", async () => {
    const files = (await readdir(mappingsDir)).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const mapping = await loadMapping(join(mappingsDir, file));
      expect(IMPORT_TABLES).toContain(mapping.table);
    }
  });

  it("names every bad key", () => {
    const issues = issuesOf(() =>
      parseMapping({
        table: "orders",
        externalId: {},
        fields: { subject: 3, body: { column: "text", bogus: true }, queue: { column: "q", value: "x" } },
        outcomes: [{ kind: "churned", column: "Churn" }],
        timezone: "Mars/Olympus",
        surprise: 1,
      }),
    );
    const keys = issues.map((i) => i.slice(0, i.indexOf(":")));
    expect(keys).toEqual(
      expect.arrayContaining([
        "table",
        "externalId",
        "fields.subject",
        "fields.body",
        "fields.queue",
        "outcomes[0].knownAt",
        "timezone",
        "(top level)",
      ]),
    );
    expect(issues.find((i) => i.startsWith("fields.body"))).toContain('"bogus"');
    expect(issues.find((i) => i.startsWith("(top level)"))).toContain('"surprise"');
    expect(issues.find((i) => i.startsWith("fields.queue"))).toContain(
      "exactly one of column, columns, value",
    );
  });

  it("fills in defaults and accepts a bare column name", () => {
    const mapping = parseMapping({
      table: "tickets",
      externalId: { prefix: "t-" },
      fields: { body: "text" },
    });
    expect(mapping.fields.body).toEqual({ column: "text" });
    expect(mapping).toMatchObject({ missing: [""], timezone: "UTC", exclude: [], outcomes: [] });
    expect(mapping.csv).toEqual({ delimiter: ",", quote: '"', encoding: "utf8" });
  });

  it("reads JSON mapping files, and reports a YAML syntax error with the file name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-mapping-"));
    const json = join(dir, "m.json");
    await writeFile(json, JSON.stringify({ table: "leads", externalId: { column: "id" } }));
    expect((await loadMapping(json)).table).toBe("leads");
    const yaml = join(dir, "broken.yaml");
    await writeFile(yaml, "table: leads\nfields: [unclosed\n");
    const err = await loadMapping(yaml).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain(`Invalid mapping ${yaml}`);
    expect((err as Error).message).toContain("not valid YAML");
    await rm(dir, { recursive: true, force: true });
  });
});
