import type { QuickstartKey } from "./quickstart-key.ts";

/**
 * Where a person goes after `crm start`: the API and its docs, the key, the first requests to
 * try (each answers 2xx on a fresh install), and how other `crm` commands reach this process.
 */
export function firstSteps(input: {
  url: string;
  queue: string;
  tenant: string;
  key: QuickstartKey;
  /** The store is in this process's memory: no other process can reach it. */
  inMemory: boolean;
}): string[] {
  const { url, key } = input;
  const bearer = `-H "Authorization: Bearer ${key.key}"`;
  const saved = key.file ? `saved in ${key.file}, mode 0600` : "in memory only: a new one each start";
  return [
    "",
    `API at ${url}   docs: ${url}/docs   queue: ${input.queue}`,
    // more doors (e.g. the workspace pages) go here, one line each: `<door> at <url>`
    `API key for tenant ${input.tenant} (admin: every scope; ${key.status === "kept" ? "kept from the last start" : "new"}, ${saved}): ${key.key}`,
    ...(key.note ? [`  note: ${key.note}`] : []),
    "try:",
    `  curl ${bearer} "${url}/v1/tasks?limit=5"`,
    `  curl ${bearer} -H "Content-Type: application/json" ` +
      `-d '{"agent":"cs","target":{"kind":"all"},"mode":"wait"}' ${url}/v1/runs`,
    input.inMemory
      ? "the store is in this process's memory (CRM_DATA_DIR=memory://): other crm commands cannot reach it; use the API"
      : "other crm commands (crm key create, crm approve, crm run …) work while this serves: they run in this process",
  ];
}
