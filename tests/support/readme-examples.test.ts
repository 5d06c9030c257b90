import { describe, expect, it } from "vitest";
import { captured, readmeScript, variablesOf } from "./readme-examples.ts";

const fence = (...lines: string[]) => ["text", "```sh", ...lines, "```", ""].join("\n");

describe("readmeScript: the shell examples of a README", () => {
  it("joins continuation lines, keeps captures and exports, and sets the two commands apart", () => {
    const script = readmeScript(
      fence(
        "npm ci && npm start     # the main job",
        "export CRM_URL=http://localhost:8080   # printed",
        'curl -fsS -X POST "$CRM_URL/v1/runs" \\',
        '  -d \'{"agent": "cs"}\'',
        "# → RUN_ID: run.id",
        'npx crm approve "$RUN_ID" --all',
      ) + "```js\nnot shell\n```\n",
    );
    expect(script.exported).toEqual(["CRM_URL"]);
    expect(script.excluded).toEqual([{ line: 3, text: "npm ci && npm start     # the main job" }]);
    expect(script.examples).toEqual([
      {
        line: 5,
        command: `curl -fsS -X POST "$CRM_URL/v1/runs" -d '{"agent": "cs"}'`,
        captures: [{ name: "RUN_ID", path: "run.id" }],
      },
      { line: 8, command: 'npx crm approve "$RUN_ID" --all', captures: [] },
    ]);
    expect(variablesOf(script.examples[0]!.command)).toEqual(["CRM_URL"]);
  });

  it("refuses a shell line it cannot run, a curl without -f and a capture under nothing", () => {
    expect(() => readmeScript(fence("rm -rf .data"))).toThrow(/line 3: a shell line this test cannot run/);
    expect(() => readmeScript(fence('curl -s "$CRM_URL/v1/tasks"'))).toThrow(/curl without -f/);
    expect(() => readmeScript(fence("# → RUN_ID: run.id"))).toThrow(/capture line under no example/);
  });

  it("reads a capture from a JSON answer or from the printed line", () => {
    const answer = JSON.stringify({ data: [{ run_id: "r1", drafts: [{ id: "d1" }] }] });
    expect(captured(answer, "data.0.drafts.0.id")).toBe("d1");
    expect(captured(answer, "data.1.run_id")).toBeUndefined();
    expect(captured("not json", "run.id")).toBeUndefined();
    expect(captured("crm_0123_abc\n", "stdout")).toBe("crm_0123_abc");
  });
});
