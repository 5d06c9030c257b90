import type { ToolContext } from "../../../tools/index.ts";

const MAX_ENTRIES = 64;
const cache = new Map<string, Promise<unknown>>();

/**
 * A source's tenant-wide inputs (settings, fitted models, stage norms, the support roster) loaded
 * once per plan in this process rather than once per batch: keyed on the plan's run and as-of
 * instant, so a new plan (or a re-plan) loads them afresh. A load that fails is forgotten, so a
 * retried batch loads again. Bounded: the oldest plans' entries go first.
 */
export function oncePerPlan<T>(
  ctx: ToolContext,
  asOf: Date,
  name: string,
  load: () => Promise<T>,
): Promise<T> {
  const key = `${ctx.tenantId}:${ctx.runId ?? "-"}:${asOf.toISOString()}:${name}`;
  const known = cache.get(key);
  if (known) return known as Promise<T>;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return loading;
}
