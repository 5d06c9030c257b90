import type { HttpHarness } from "../../tests/support/http-app.ts";
import { populateTenant } from "./api-tenant.ts";

/**
 * A populated tenant for the fuzzer, and its real ids by parameter name (path `id` and `date`,
 * query `entity_id`, `run_id`, `assignee`, `assignee_id`, `owner_id`, `account_id`), so fuzzed requests
 * also reach rows that exist.
 */
export async function fuzzKnownIds(
  h: HttpHarness,
): Promise<{ key: string; known: Record<string, string[]> }> {
  const t = await populateTenant(h, "fuzz", "2026-11-20");
  const i = t.ids;
  return {
    key: t.keys.admin,
    known: {
      id: [...i.agent_runs!, ...i.tasks!, ...i.schedules!, ...i.accounts!, ...i.leads!],
      date: [t.planDate],
      entity_id: [...i.accounts!, ...i.leads!],
      run_id: i.agent_runs!,
      assignee: i.users!,
      assignee_id: i.users!,
      owner_id: i.users!,
      account_id: i.accounts!,
    },
  };
}
